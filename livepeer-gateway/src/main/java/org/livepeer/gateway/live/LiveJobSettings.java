package org.livepeer.gateway.live;

import java.time.Duration;

/**
 * Timing and limits of a live job.
 *
 * <ul>
 *   <li>{@code paymentInterval}: the job pays while input segments flow, at most once per interval
 *       (go-livepeer's gateway: 5 s); no input, no payment.
 *   <li>{@code keepaliveInterval}: the control channel keepalive (10 s).
 *   <li>{@code maxRecoveries} and {@code recoveryWindow}: how often the job may move to another
 *       orchestrator. Like go-livepeer, a move that comes less than the window after the previous
 *       one (or after the start) extends a run of moves; a run longer than {@code maxRecoveries}
 *       ends the job. Defaults: 2 in 3 minutes.
 *   <li>{@code maxStartAttempts}: orchestrators one start may try.
 *   <li>{@code requestTimeout}: how long {@code POST /live-video-to-video} may take.
 *   <li>{@code maxInflightSegments}: input segments the orchestrator may leave unanswered at once
 *       (go-livepeer: 3); a segment beyond them fails and the job moves on, as the orchestrator is
 *       not keeping up.
 *   <li>{@code inputSegmentTimeout}: how long a sent input segment may wait for the orchestrator's
 *       answer before the orchestrator counts as frozen and the job moves on (5 s).
 *   <li>{@code outputStallTimeout}: how long the output may stay silent, while someone waits for it
 *       and input arrived within the last half of it, before the job moves on (go-livepeer: 30 s).
 * </ul>
 *
 * Durations are measured on the gateway's clock.
 */
public record LiveJobSettings(
        Duration paymentInterval,
        Duration keepaliveInterval,
        int maxRecoveries,
        int maxStartAttempts,
        Duration requestTimeout,
        Duration recoveryWindow,
        int maxInflightSegments,
        Duration inputSegmentTimeout,
        Duration outputStallTimeout) {

    public LiveJobSettings {
        requirePositive("paymentInterval", paymentInterval);
        requirePositive("keepaliveInterval", keepaliveInterval);
        if (maxRecoveries < 0 || maxStartAttempts < 1) {
            throw new IllegalArgumentException("maxRecoveries must be >= 0 and maxStartAttempts >= 1, were "
                    + maxRecoveries + " and " + maxStartAttempts);
        }
        requirePositive("recoveryWindow", recoveryWindow);
        if (maxInflightSegments < 1) {
            throw new IllegalArgumentException("maxInflightSegments must be at least 1, was " + maxInflightSegments);
        }
        requirePositive("inputSegmentTimeout", inputSegmentTimeout);
        requirePositive("outputStallTimeout", outputStallTimeout);
    }

    public static LiveJobSettings defaults() {
        return new LiveJobSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                2,
                3,
                Duration.ofSeconds(30),
                Duration.ofMinutes(3),
                3,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    public LiveJobSettings withPaymentInterval(Duration interval) {
        return new LiveJobSettings(
                interval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                maxInflightSegments,
                inputSegmentTimeout,
                outputStallTimeout);
    }

    public LiveJobSettings withKeepaliveInterval(Duration interval) {
        return new LiveJobSettings(
                paymentInterval,
                interval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                maxInflightSegments,
                inputSegmentTimeout,
                outputStallTimeout);
    }

    public LiveJobSettings withMaxRecoveries(int recoveries) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                recoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                maxInflightSegments,
                inputSegmentTimeout,
                outputStallTimeout);
    }

    /** At most {@code recoveries} moves in a run of moves each less than {@code window} after the last. */
    public LiveJobSettings withRecoveryLimit(int recoveries, Duration window) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                recoveries,
                maxStartAttempts,
                requestTimeout,
                window,
                maxInflightSegments,
                inputSegmentTimeout,
                outputStallTimeout);
    }

    public LiveJobSettings withMaxInflightSegments(int segments) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                segments,
                inputSegmentTimeout,
                outputStallTimeout);
    }

    public LiveJobSettings withInputSegmentTimeout(Duration timeout) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                maxInflightSegments,
                timeout,
                outputStallTimeout);
    }

    public LiveJobSettings withOutputStallTimeout(Duration timeout) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                recoveryWindow,
                maxInflightSegments,
                inputSegmentTimeout,
                timeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
