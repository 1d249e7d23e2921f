package org.livepeer.simulator.ai;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the batch AI API. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 */
public final class BatchOptions {

    private final int maxRequestBytes;
    private final MediaDelivery delivery;
    private final int maxStoredFiles;
    private final long maxStoredBytes;
    private final long maxOutputPixels;
    private final Duration llmChunkInterval;
    private final boolean llmDoneMarker;
    private final boolean requireWorkerAuthorization;
    private final int workerThreads;

    private BatchOptions(
            int maxRequestBytes,
            MediaDelivery delivery,
            int maxStoredFiles,
            long maxStoredBytes,
            long maxOutputPixels,
            Duration llmChunkInterval,
            boolean llmDoneMarker,
            boolean requireWorkerAuthorization,
            int workerThreads) {
        this.maxRequestBytes = maxRequestBytes;
        this.delivery = Objects.requireNonNull(delivery);
        this.maxStoredFiles = maxStoredFiles;
        this.maxStoredBytes = maxStoredBytes;
        this.maxOutputPixels = maxOutputPixels;
        this.llmChunkInterval = Objects.requireNonNull(llmChunkInterval);
        this.llmDoneMarker = llmDoneMarker;
        this.requireWorkerAuthorization = requireWorkerAuthorization;
        this.workerThreads = workerThreads;
    }

    /**
     * 32 MiB requests, download URLs, 64 files / 256 MiB kept, 16 megapixel outputs, one LLM chunk
     * every 5 ms, no {@code [DONE]} marker and no authorization check (both as go-livepeer), 2
     * worker threads.
     */
    public static BatchOptions defaults() {
        return new BatchOptions(
                32 << 20,
                MediaDelivery.DOWNLOAD_URL,
                64,
                256L << 20,
                16_000_000L,
                Duration.ofMillis(5),
                false,
                false,
                2);
    }

    /** Request bodies beyond this are answered 413. */
    public BatchOptions withMaxRequestBytes(int bytes) {
        return copy(
                bytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }

    public BatchOptions withDelivery(MediaDelivery value) {
        return copy(
                maxRequestBytes,
                value,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }

    /** How many generated files (and bytes in all) stay downloadable; the oldest go first. */
    public BatchOptions withStoredFiles(int files, long bytes) {
        return copy(
                maxRequestBytes,
                delivery,
                files,
                bytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }

    /** Larger outputs fail like a runner out of GPU memory. */
    public BatchOptions withMaxOutputPixels(long pixels) {
        return copy(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                pixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }

    public BatchOptions withLlmChunkInterval(Duration interval) {
        return copy(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                interval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }

    /**
     * Ends LLM event streams with {@code data: [DONE]} as the AI runner does. go-livepeer's
     * orchestrator drops that line and ends the stream after the chunk with a finish reason.
     */
    public BatchOptions withLlmDoneMarker(boolean enabled) {
        return copy(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                enabled,
                requireWorkerAuthorization,
                workerThreads);
    }

    /**
     * Stricter than go-livepeer, to check a gateway: answers 401 "Unauthorized" when a request lacks
     * {@code Authorization: Livepeer-AI-Worker-1.0}. go-livepeer accepts such requests and only
     * inlines image results for them.
     */
    public BatchOptions withRequireWorkerAuthorization(boolean required) {
        return copy(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                required,
                workerThreads);
    }

    /** Threads that decode, generate and encode media off the event loop. */
    public BatchOptions withWorkerThreads(int threads) {
        return copy(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                threads);
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    public MediaDelivery delivery() {
        return delivery;
    }

    public int maxStoredFiles() {
        return maxStoredFiles;
    }

    public long maxStoredBytes() {
        return maxStoredBytes;
    }

    public long maxOutputPixels() {
        return maxOutputPixels;
    }

    public Duration llmChunkInterval() {
        return llmChunkInterval;
    }

    public boolean llmDoneMarker() {
        return llmDoneMarker;
    }

    public boolean requireWorkerAuthorization() {
        return requireWorkerAuthorization;
    }

    public int workerThreads() {
        return workerThreads;
    }

    private static BatchOptions copy(
            int maxRequestBytes,
            MediaDelivery delivery,
            int maxStoredFiles,
            long maxStoredBytes,
            long maxOutputPixels,
            Duration llmChunkInterval,
            boolean llmDoneMarker,
            boolean requireWorkerAuthorization,
            int workerThreads) {
        return new BatchOptions(
                maxRequestBytes,
                delivery,
                maxStoredFiles,
                maxStoredBytes,
                maxOutputPixels,
                llmChunkInterval,
                llmDoneMarker,
                requireWorkerAuthorization,
                workerThreads);
    }
}
