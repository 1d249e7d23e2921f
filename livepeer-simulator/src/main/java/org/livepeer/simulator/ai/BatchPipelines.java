package org.livepeer.simulator.ai;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.orchestrator.OrchestratorServices;

/**
 * The orchestrator's batch AI API: the nine pipelines at {@code POST /<pipeline>} and the download
 * route for generated files under {@value DownloadStore#PATH_PREFIX}. Owns the small executor that
 * does the media work; {@link #close()} stops it.
 */
public final class BatchPipelines implements AutoCloseable {

    /** Requests waiting for a worker thread beyond this are refused as "insufficient capacity". */
    private static final int MAX_QUEUED_REQUESTS = 256;

    private final DownloadStore downloads;
    private final ThreadPoolExecutor workers;

    private BatchPipelines(BatchOptions options) {
        this.downloads = new DownloadStore(options.maxStoredFiles(), options.maxStoredBytes());
        this.workers = new ThreadPoolExecutor(
                options.workerThreads(),
                options.workerThreads(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS),
                daemonThreads());
    }

    /** Adds the batch routes to {@code router}; close the result when the orchestrator stops. */
    public static BatchPipelines register(Router router, OrchestratorServices services, BatchOptions options) {
        BatchPipelines api = new BatchPipelines(options);
        for (BatchPipeline pipeline : pipelines(options)) {
            BatchRequestFlow flow = new BatchRequestFlow(pipeline, services, options, api.downloads, api.workers);
            router.exact(
                    "POST",
                    "/" + pipeline.capability().pipeline(),
                    HttpHandler.buffered(options.maxRequestBytes(), flow));
        }
        // Answered once the request is complete, so the connection stays reusable.
        router.prefix(
                "GET", DownloadStore.PATH_PREFIX, HttpHandler.buffered(0, (call, body) -> api.serveDownload(call)));
        return api;
    }

    /** How many generated files are currently downloadable. */
    public int storedFiles() {
        return downloads.size();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static List<BatchPipeline> pipelines(BatchOptions options) {
        long maxPixels = options.maxOutputPixels();
        return List.of(
                new TextToImagePipeline(maxPixels),
                new ImageToImagePipeline(maxPixels),
                new ImageToVideoPipeline(maxPixels),
                new UpscalePipeline(maxPixels),
                new AudioToTextPipeline(),
                new SegmentAnything2Pipeline(maxPixels),
                new LlmPipeline(options.llmChunkInterval(), options.llmDoneMarker()),
                new ImageToTextPipeline(),
                new TextToSpeechPipeline());
    }

    private void serveDownload(HttpCall call) {
        DownloadStore.StoredFile file = downloads.get(call.path());
        if (file == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
        } else {
            call.respond(HttpResponseStatus.OK, file.contentType(), file.bytes(), null);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sim-ai-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
