package org.livepeer.gateway.ai;

import java.time.Duration;
import java.util.List;

/**
 * How the batch client works: attempts per request (each on another orchestrator), how long an
 * orchestrator may take, size limits of answers and downloaded media, and where media may be
 * downloaded from.
 *
 * <p>Limits of one orchestrator call: connecting as the transport allows (10 s by default); the
 * answer's head within {@code responseTimeout} after the request was sent; at most {@code
 * bodyIdleTimeout} between bytes of the answer (and for the orchestrator to take each upload chunk);
 * the whole call within twice {@code responseTimeout}. Media downloads have the same limits.
 *
 * @param mediaOrigins origins ({@code scheme://host:port}) media URLs may point to besides the
 *     orchestrator that answered; {@code *} allows any. {@code data:} URLs are always allowed.
 */
public record BatchSettings(
        int maxAttempts,
        Duration responseTimeout,
        long maxResponseBytes,
        long maxMediaBytes,
        Duration bodyIdleTimeout,
        List<String> mediaOrigins) {

    public BatchSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (responseTimeout == null || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("responseTimeout must be positive");
        }
        if (bodyIdleTimeout == null || bodyIdleTimeout.isNegative() || bodyIdleTimeout.isZero()) {
            throw new IllegalArgumentException("bodyIdleTimeout must be positive");
        }
        if (maxResponseBytes < 1 || maxMediaBytes < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        mediaOrigins = List.copyOf(mediaOrigins == null ? List.of() : mediaOrigins);
    }

    /**
     * 3 attempts, 5 minutes per answer (video generation is slow), 30 s between answer bytes, 64 MiB
     * answers and media, media only from the answering orchestrator.
     */
    public static BatchSettings defaults() {
        return new BatchSettings(3, Duration.ofMinutes(5), 64L << 20, 64L << 20, Duration.ofSeconds(30), List.of());
    }

    /** The limit of one whole call: twice the response timeout (an upload, then the answer). */
    public Duration totalTimeout() {
        return responseTimeout.multipliedBy(2);
    }

    public BatchSettings withMaxAttempts(int attempts) {
        return new BatchSettings(
                attempts, responseTimeout, maxResponseBytes, maxMediaBytes, bodyIdleTimeout, mediaOrigins);
    }

    public BatchSettings withResponseTimeout(Duration timeout) {
        return new BatchSettings(maxAttempts, timeout, maxResponseBytes, maxMediaBytes, bodyIdleTimeout, mediaOrigins);
    }

    public BatchSettings withMaxResponseBytes(long bytes) {
        return new BatchSettings(maxAttempts, responseTimeout, bytes, maxMediaBytes, bodyIdleTimeout, mediaOrigins);
    }

    public BatchSettings withMaxMediaBytes(long bytes) {
        return new BatchSettings(maxAttempts, responseTimeout, maxResponseBytes, bytes, bodyIdleTimeout, mediaOrigins);
    }

    public BatchSettings withBodyIdleTimeout(Duration timeout) {
        return new BatchSettings(maxAttempts, responseTimeout, maxResponseBytes, maxMediaBytes, timeout, mediaOrigins);
    }

    /** Origins media URLs may point to besides the answering orchestrator; {@code *} allows any. */
    public BatchSettings withMediaOrigins(List<String> origins) {
        return new BatchSettings(
                maxAttempts, responseTimeout, maxResponseBytes, maxMediaBytes, bodyIdleTimeout, origins);
    }
}
