package org.livepeer.gateway.live;

import java.time.Duration;

/**
 * Timing of a live job: how often it pays (go-livepeer's gateways pay at most every 5 s), how often
 * it sends the control keepalive (10 s), how many times it may move to another orchestrator after
 * a failure, how many orchestrators a start may try, and how long a start request waits for its
 * answer (5 s by default, as go-livepeer's gateway waits in {@code server/ai_process.go}).
 */
public record LiveJobSettings(
        Duration paymentInterval,
        Duration keepaliveInterval,
        int maxRecoveries,
        int maxStartAttempts,
        Duration requestTimeout) {

    public LiveJobSettings {
        if (paymentInterval.isZero() || paymentInterval.isNegative()) {
            throw new IllegalArgumentException("paymentInterval must be positive, was " + paymentInterval);
        }
        if (keepaliveInterval.isZero() || keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepaliveInterval must be positive, was " + keepaliveInterval);
        }
        if (maxRecoveries < 0 || maxStartAttempts < 1) {
            throw new IllegalArgumentException("maxRecoveries must be >= 0 and maxStartAttempts >= 1");
        }
    }

    /** go-livepeer's gateway waits 5 s for an orchestrator to answer a live start. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(5);

    public static LiveJobSettings defaults() {
        return new LiveJobSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, 3, DEFAULT_START_TIMEOUT);
    }

    public LiveJobSettings withPaymentInterval(Duration interval) {
        return new LiveJobSettings(interval, keepaliveInterval, maxRecoveries, maxStartAttempts, requestTimeout);
    }

    public LiveJobSettings withKeepaliveInterval(Duration interval) {
        return new LiveJobSettings(paymentInterval, interval, maxRecoveries, maxStartAttempts, requestTimeout);
    }

    /** How long a start request waits for the orchestrator's answer. */
    public LiveJobSettings withRequestTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
        }
        return new LiveJobSettings(paymentInterval, keepaliveInterval, maxRecoveries, maxStartAttempts, timeout);
    }

    public LiveJobSettings withMaxRecoveries(int recoveries) {
        return new LiveJobSettings(paymentInterval, keepaliveInterval, recoveries, maxStartAttempts, requestTimeout);
    }
}
