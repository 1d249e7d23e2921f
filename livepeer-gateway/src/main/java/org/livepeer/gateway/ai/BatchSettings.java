package org.livepeer.gateway.ai;

import java.time.Duration;

/**
 * How the batch client works: attempts per request (each on another orchestrator), how long an
 * orchestrator may take to answer, and size limits of answers and downloaded media.
 */
public record BatchSettings(int maxAttempts, Duration responseTimeout, long maxResponseBytes, long maxMediaBytes) {

    public BatchSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (responseTimeout == null || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("responseTimeout must be positive");
        }
        if (maxResponseBytes < 1 || maxMediaBytes < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }

    /** 3 attempts, 5 minutes per answer (video generation is slow), 64 MiB answers and media. */
    public static BatchSettings defaults() {
        return new BatchSettings(3, Duration.ofMinutes(5), 64L << 20, 64L << 20);
    }

    public BatchSettings withMaxAttempts(int attempts) {
        return new BatchSettings(attempts, responseTimeout, maxResponseBytes, maxMediaBytes);
    }

    public BatchSettings withResponseTimeout(Duration timeout) {
        return new BatchSettings(maxAttempts, timeout, maxResponseBytes, maxMediaBytes);
    }

    public BatchSettings withMaxResponseBytes(long bytes) {
        return new BatchSettings(maxAttempts, responseTimeout, bytes, maxMediaBytes);
    }

    public BatchSettings withMaxMediaBytes(long bytes) {
        return new BatchSettings(maxAttempts, responseTimeout, maxResponseBytes, bytes);
    }
}
