package org.livepeer.gateway.live;

import java.time.Duration;
import java.util.Objects;
import org.livepeer.trickle.LagPolicy;
import org.livepeer.trickle.TrickleSubscriber;

/**
 * Timing of a live job: how often it pays (go-livepeer's gateways pay at most every 5 s), how often
 * it sends the control keepalive (10 s), how many times it may move to another orchestrator after
 * a failure, and how many orchestrators a start may try; and where its output and events
 * subscriptions start and what the output does when the reader falls behind.
 *
 * @param subscribeStart the seq the output and events subscriptions start at: {@link
 *     TrickleSubscriber#LIVE} (-1, the default, as go-livepeer's gateway: the next segment written
 *     after the job started), {@link TrickleSubscriber#CURRENT} (-2, as the python gateway: the
 *     segment being written, possibly already finished) or a seq
 * @param lagPolicy what the output subscription does when the reader falls behind the live edge
 * @param maxLagSegments with {@link LagPolicy#SKIP_TO_LATEST}: newer segments tolerated before
 *     skipping to the one being written
 */
public record LiveJobSettings(
        Duration paymentInterval,
        Duration keepaliveInterval,
        int maxRecoveries,
        int maxStartAttempts,
        Duration requestTimeout,
        long subscribeStart,
        LagPolicy lagPolicy,
        int maxLagSegments) {

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
        if (subscribeStart < TrickleSubscriber.CURRENT) {
            throw new IllegalArgumentException(
                    "subscribeStart must be -1 (live), -2 (current) or a seq >= 0, was " + subscribeStart);
        }
        Objects.requireNonNull(lagPolicy, "lagPolicy");
        if (maxLagSegments < 0) {
            throw new IllegalArgumentException("maxLagSegments must not be negative, was " + maxLagSegments);
        }
    }

    public static LiveJobSettings defaults() {
        return new LiveJobSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                3,
                3,
                Duration.ofSeconds(30),
                TrickleSubscriber.LIVE,
                LagPolicy.DELIVER_ALL,
                2);
    }

    public LiveJobSettings withPaymentInterval(Duration interval) {
        return new LiveJobSettings(
                interval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                subscribeStart,
                lagPolicy,
                maxLagSegments);
    }

    public LiveJobSettings withKeepaliveInterval(Duration interval) {
        return new LiveJobSettings(
                paymentInterval,
                interval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                subscribeStart,
                lagPolicy,
                maxLagSegments);
    }

    public LiveJobSettings withMaxRecoveries(int recoveries) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                recoveries,
                maxStartAttempts,
                requestTimeout,
                subscribeStart,
                lagPolicy,
                maxLagSegments);
    }

    /** Where the output and events subscriptions start: -1 (live, default), -2 (current) or a seq. */
    public LiveJobSettings withSubscribeStart(long seq) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                seq,
                lagPolicy,
                maxLagSegments);
    }

    /** What the output subscription does when its reader falls behind. */
    public LiveJobSettings withLagPolicy(LagPolicy policy, int maxLag) {
        return new LiveJobSettings(
                paymentInterval,
                keepaliveInterval,
                maxRecoveries,
                maxStartAttempts,
                requestTimeout,
                subscribeStart,
                policy,
                maxLag);
    }
}
