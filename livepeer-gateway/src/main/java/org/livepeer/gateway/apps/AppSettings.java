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
 */
public record AppSettings(
        Duration paymentInterval,
        Duration requestTimeout,
        Duration bodyIdleTimeout,
        Duration totalTimeout,
        int maxAttempts,
        long maxRequestBytes,
        int maxWebSocketFrameBytes) {

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
                1 << 20);
    }

    public AppSettings withPaymentInterval(Duration value) {
        return new AppSettings(
                value,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes);
    }

    public AppSettings withRequestTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                value,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes);
    }

    public AppSettings withBodyIdleTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                value,
                totalTimeout,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes);
    }

    public AppSettings withTotalTimeout(Duration value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                value,
                maxAttempts,
                maxRequestBytes,
                maxWebSocketFrameBytes);
    }

    public AppSettings withMaxAttempts(int value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                value,
                maxRequestBytes,
                maxWebSocketFrameBytes);
    }

    public AppSettings withMaxRequestBytes(long value) {
        return new AppSettings(
                paymentInterval,
                requestTimeout,
                bodyIdleTimeout,
                totalTimeout,
                maxAttempts,
                value,
                maxWebSocketFrameBytes);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(name, "must be a positive duration, was " + value);
        }
    }
}
