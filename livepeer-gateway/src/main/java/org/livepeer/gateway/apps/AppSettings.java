package org.livepeer.gateway.apps;

import java.time.Duration;
import org.livepeer.gateway.ConfigurationException;

/**
 * Settings of app sessions and calls.
 *
 * @param paymentInterval how often a session paid per second (or per pixel-second) pays while open
 *     (default 5 s; the signer's first payment covers 10 s)
 * @param requestTimeout the limit of reservations, payments and stops, and of the response head of
 *     every call (default 30 s)
 * @param bodyIdleTimeout the longest pause between bytes of a call's response body, e.g. between two
 *     server-sent events (default 60 s)
 * @param totalTimeout the limit of one call from start to the end of its response body (default 1 h)
 * @param maxAttempts runners tried for one reservation or single-shot call before giving up (default 3)
 * @param maxRequestBytes the largest request body a call reads from a stream (default 16 MiB)
 * @param maxWebSocketFrameBytes the largest WebSocket message accepted (default 1 MiB)
 * @param discoveryCacheFor how long a runner listing is reused (default 10 s); a runner that filled up
 *     meanwhile answers 503 and the next one is tried
 */
public record AppSettings(
        Duration paymentInterval,
        Duration requestTimeout,
        Duration bodyIdleTimeout,
        Duration totalTimeout,
        int maxAttempts,
        long maxRequestBytes,
        int maxWebSocketFrameBytes,
        Duration discoveryCacheFor) {

    public AppSettings {
        positive("paymentInterval", paymentInterval);
        positive("requestTimeout", requestTimeout);
        positive("bodyIdleTimeout", bodyIdleTimeout);
        positive("totalTimeout", totalTimeout);
        if (maxAttempts < 1) {
            throw new ConfigurationException("maxAttempts", "must be at least 1, was " + maxAttempts);
        }
        if (maxRequestBytes < 1) {
            throw new ConfigurationException("maxRequestBytes", "must be positive, was " + maxRequestBytes);
        }
        if (discoveryCacheFor == null || discoveryCacheFor.isNegative()) {
            throw new ConfigurationException("discoveryCacheFor", "must be zero or positive, was " + discoveryCacheFor);
        }
        if (maxWebSocketFrameBytes < 1) {
            throw new ConfigurationException(
                    "maxWebSocketFrameBytes", "must be positive, was " + maxWebSocketFrameBytes);
        }
    }

    public static AppSettings defaults() {
        return new AppSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                3,
                16L << 20,
                1 << 20,
                Duration.ofSeconds(10));
    }

    public AppSettings withPaymentInterval(Duration value) {
        return new AppSettings(
                value,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withRequestTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                value,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withBodyIdleTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                value,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withTotalTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                value,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withMaxAttempts(int value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                value,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withMaxRequestBytes(long value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                value,
                maxWebSocketFrameBytes,
                discoveryCacheFor);
    }

    public AppSettings withDiscoveryCacheFor(Duration value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes,
                value);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(name, "must be a positive duration, was " + value);
        }
    }
}
