package org.livepeer.gateway.live;

import java.time.Duration;
import java.util.Objects;
import org.livepeer.trickle.LagPolicy;
import org.livepeer.trickle.TrickleSubscriber;

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
 *   <li>{@code requestTimeout}: how long {@code POST /live-video-to-video} may take (5 s, as
 *       go-livepeer's gateway waits in {@code server/ai_process.go}).
 *   <li>{@code maxInflightSegments}: input segments the orchestrator may leave unanswered at once
 *       (go-livepeer: 3); a segment beyond them fails and the job moves on, as the orchestrator is
 *       not keeping up.
 *   <li>{@code inputSegmentTimeout}: how long a sent input segment may wait for the orchestrator's
 *       answer before the orchestrator counts as frozen and the job moves on (5 s).
 *   <li>{@code outputStallTimeout}: how long the output may stay silent, while someone waits for it
 *       and input arrived within the last half of it, before the job moves on (go-livepeer: 30 s).
 *   <li>{@code subscribeStart}: the seq the output and events subscriptions start at: {@link
 *       TrickleSubscriber#LIVE} (-1, the default, as go-livepeer's gateway: the next segment
 *       written after the job started), {@link TrickleSubscriber#CURRENT} (-2, as the python
 *       gateway: the segment being written, possibly already finished) or a seq.
 *   <li>{@code lagPolicy} and {@code maxLagSegments}: what the output subscription does when the
 *       reader falls behind the live edge; with {@link LagPolicy#SKIP_TO_LATEST}, the newer
 *       segments tolerated before skipping to the one being written.
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
        Duration outputStallTimeout,
        long subscribeStart,
        LagPolicy lagPolicy,
        int maxLagSegments) {

    /** go-livepeer's gateway waits 5 s for an orchestrator to answer a live start. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(5);

    public LiveJobSettings {
        requirePositive("paymentInterval", paymentInterval);
        requirePositive("keepaliveInterval", keepaliveInterval);
        requirePositive("requestTimeout", requestTimeout);
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
                2,
                3,
                DEFAULT_START_TIMEOUT,
                Duration.ofMinutes(3),
                3,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                TrickleSubscriber.LIVE,
                LagPolicy.DELIVER_ALL,
                2);
    }

    /** How often the job may pay while input flows. */
    public LiveJobSettings withPaymentInterval(Duration interval) {
        return copy().paymentInterval(interval).build();
    }

    public LiveJobSettings withKeepaliveInterval(Duration interval) {
        return copy().keepaliveInterval(interval).build();
    }

    /** How long a start request waits for the orchestrator's answer. */
    public LiveJobSettings withRequestTimeout(Duration timeout) {
        return copy().requestTimeout(timeout).build();
    }

    public LiveJobSettings withMaxRecoveries(int recoveries) {
        return copy().maxRecoveries(recoveries).build();
    }

    /** At most {@code recoveries} moves in a run of moves each less than {@code window} after the last. */
    public LiveJobSettings withRecoveryLimit(int recoveries, Duration window) {
        return copy().maxRecoveries(recoveries).recoveryWindow(window).build();
    }

    public LiveJobSettings withMaxStartAttempts(int attempts) {
        return copy().maxStartAttempts(attempts).build();
    }

    public LiveJobSettings withMaxInflightSegments(int segments) {
        return copy().maxInflightSegments(segments).build();
    }

    public LiveJobSettings withInputSegmentTimeout(Duration timeout) {
        return copy().inputSegmentTimeout(timeout).build();
    }

    public LiveJobSettings withOutputStallTimeout(Duration timeout) {
        return copy().outputStallTimeout(timeout).build();
    }

    /** Where the output and events subscriptions start: -1 (live, default), -2 (current) or a seq. */
    public LiveJobSettings withSubscribeStart(long seq) {
        return copy().subscribeStart(seq).build();
    }

    /** What the output subscription does when its reader falls behind. */
    public LiveJobSettings withLagPolicy(LagPolicy policy, int maxLag) {
        return copy().lagPolicy(policy).maxLagSegments(maxLag).build();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A settings value with some components changed; the rest as they were. */
    private static final class Copy {
        private Duration paymentInterval;
        private Duration keepaliveInterval;
        private int maxRecoveries;
        private int maxStartAttempts;
        private Duration requestTimeout;
        private Duration recoveryWindow;
        private int maxInflightSegments;
        private Duration inputSegmentTimeout;
        private Duration outputStallTimeout;
        private long subscribeStart;
        private LagPolicy lagPolicy;
        private int maxLagSegments;

        Copy(LiveJobSettings from) {
            paymentInterval = from.paymentInterval;
            keepaliveInterval = from.keepaliveInterval;
            maxRecoveries = from.maxRecoveries;
            maxStartAttempts = from.maxStartAttempts;
            requestTimeout = from.requestTimeout;
            recoveryWindow = from.recoveryWindow;
            maxInflightSegments = from.maxInflightSegments;
            inputSegmentTimeout = from.inputSegmentTimeout;
            outputStallTimeout = from.outputStallTimeout;
            subscribeStart = from.subscribeStart;
            lagPolicy = from.lagPolicy;
            maxLagSegments = from.maxLagSegments;
        }

        Copy paymentInterval(Duration value) {
            paymentInterval = value;
            return this;
        }

        Copy keepaliveInterval(Duration value) {
            keepaliveInterval = value;
            return this;
        }

        Copy maxRecoveries(int value) {
            maxRecoveries = value;
            return this;
        }

        Copy maxStartAttempts(int value) {
            maxStartAttempts = value;
            return this;
        }

        Copy requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        Copy recoveryWindow(Duration value) {
            recoveryWindow = value;
            return this;
        }

        Copy maxInflightSegments(int value) {
            maxInflightSegments = value;
            return this;
        }

        Copy inputSegmentTimeout(Duration value) {
            inputSegmentTimeout = value;
            return this;
        }

        Copy outputStallTimeout(Duration value) {
            outputStallTimeout = value;
            return this;
        }

        Copy subscribeStart(long value) {
            subscribeStart = value;
            return this;
        }

        Copy lagPolicy(LagPolicy value) {
            lagPolicy = value;
            return this;
        }

        Copy maxLagSegments(int value) {
            maxLagSegments = value;
            return this;
        }

        LiveJobSettings build() {
            return new LiveJobSettings(
                    paymentInterval,
                    keepaliveInterval,
                    maxRecoveries,
                    maxStartAttempts,
                    requestTimeout,
                    recoveryWindow,
                    maxInflightSegments,
                    inputSegmentTimeout,
                    outputStallTimeout,
                    subscribeStart,
                    lagPolicy,
                    maxLagSegments);
        }
    }
}
