package org.livepeer.simulator.ai;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.orchestrator.OrchestratorError;
import org.livepeer.simulator.orchestrator.OrchestratorServices;
import org.livepeer.simulator.orchestrator.OrchestratorServices.CapacitySlot;
import org.livepeer.simulator.orchestrator.OrchestratorServices.PaidRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one pipeline in go-livepeer's order: decode and check the request, reserve capacity
 * ("insufficient capacity"), process the payment, run the work, debit the fee, release capacity,
 * answer. The work runs on the worker executor, never on the event loop.
 */
final class BatchRequestFlow implements HttpHandler.BufferedHandler {

    /** The {@code Authorization} value of gateways that speak go-livepeer's AI worker protocol. */
    static final String WORKER_PROTOCOL = "Livepeer-AI-Worker-1.0";

    private static final Logger LOG = LoggerFactory.getLogger(BatchRequestFlow.class);

    private final BatchPipeline pipeline;
    private final OrchestratorServices services;
    private final BatchOptions options;
    private final DownloadStore downloads;
    private final Executor workers;

    BatchRequestFlow(
            BatchPipeline pipeline,
            OrchestratorServices services,
            BatchOptions options,
            DownloadStore downloads,
            Executor workers) {
        this.pipeline = pipeline;
        this.services = services;
        this.options = options;
        this.downloads = downloads;
        this.workers = workers;
    }

    @Override
    public void handle(HttpCall call, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        try {
            workers.execute(() -> process(call, bytes));
        } catch (RejectedExecutionException e) {
            Reply.sendError(call, 503, "insufficient capacity");
        }
    }

    private void process(HttpCall call, byte[] body) {
        String pipelineName = pipeline.capability().pipeline();
        try {
            boolean workerProtocol = WORKER_PROTOCOL.equals(call.header(HttpHeaderNames.AUTHORIZATION));
            if (options.requireWorkerAuthorization() && !workerProtocol) {
                throw new AiHttpError(401, "Unauthorized");
            }
            RequestFields request = pipeline.parse(call.header(HttpHeaderNames.CONTENT_TYPE), body);
            MediaOutput media = new MediaOutput(downloads, services.baseUrl(), options.delivery(), workerProtocol);
            BatchPipeline.PreparedWork prepared = pipeline.prepare(request, media);
            run(call, prepared);
        } catch (AiHttpError e) {
            Reply.sendError(call, e.status(), e.getMessage());
        } catch (OrchestratorError e) {
            Reply.sendError(call, e.status(), e.getMessage());
        } catch (DroppedConnection e) {
            LOG.warn("{}: {}", pipelineName, e.getMessage());
            call.abort();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", pipelineName, e);
            Reply.sendError(call, 500, pipelineName + " container returned 500: Pipeline error.");
        }
    }

    private void run(HttpCall call, BatchPipeline.PreparedWork prepared) throws AiHttpError, OrchestratorError {
        CapacitySlot slot = services.reserveCapacity(pipeline.capability(), prepared.modelId());
        Runnable release = once(slot::close);
        boolean handedOver = false;
        try {
            PaidRequest paid = services.acceptPayment(call, pipeline.capability(), prepared.modelId());
            Reply reply = prepared.work().run();
            paid.debit(prepared.units());
            handedOver = true;
            reply.send(call, release);
        } finally {
            if (!handedOver) {
                release.run();
            }
        }
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }
}
