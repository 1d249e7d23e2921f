package org.livepeer.simulator.trickle;

import java.time.Duration;

/**
 * Settings of a {@link TrickleServer}; defaults follow go-livepeer.
 *
 * @param windowSize how many recent segments a channel keeps (go-livepeer: 5)
 * @param autoCreate whether a publisher's POST (or {@code POST <channel>}) may create a channel
 *     that does not exist yet (go-livepeer: false)
 * @param idleTimeout a channel without a new segment for this long is closed by the sweeper
 * @param sweepInterval how often idle channels are looked for
 * @param keepaliveInterval how long a publisher's POST may wait for its first body byte before the
 *     server sends a {@code 100 Continue} as keepalive (repeated at this interval)
 * @param compatibility which go-livepeer version's routes the server has (default: the current one)
 */
public record TrickleConfig(
        int windowSize,
        boolean autoCreate,
        Duration idleTimeout,
        Duration sweepInterval,
        Duration keepaliveInterval,
        TrickleCompatibility compatibility) {

    public TrickleConfig {
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1");
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(sweepInterval, "sweepInterval");
        requirePositive(keepaliveInterval, "keepaliveInterval");
        if (compatibility == null) {
            throw new IllegalArgumentException("compatibility must not be null");
        }
    }

    public static TrickleConfig defaults() {
        return new TrickleConfig(
                5,
                false,
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                TrickleCompatibility.CURRENT);
    }

    public TrickleConfig withWindowSize(int segments) {
        return new TrickleConfig(segments, autoCreate, idleTimeout, sweepInterval, keepaliveInterval, compatibility);
    }

    public TrickleConfig withAutoCreate(boolean enabled) {
        return new TrickleConfig(windowSize, enabled, idleTimeout, sweepInterval, keepaliveInterval, compatibility);
    }

    public TrickleConfig withIdleTimeout(Duration timeout) {
        return new TrickleConfig(windowSize, autoCreate, timeout, sweepInterval, keepaliveInterval, compatibility);
    }

    public TrickleConfig withSweepInterval(Duration interval) {
        return new TrickleConfig(windowSize, autoCreate, idleTimeout, interval, keepaliveInterval, compatibility);
    }

    public TrickleConfig withKeepaliveInterval(Duration interval) {
        return new TrickleConfig(windowSize, autoCreate, idleTimeout, sweepInterval, interval, compatibility);
    }

    /** Behave like the given go-livepeer version where versions differ (e.g. no {@code /next} before v0.8.11). */
    public TrickleConfig withCompatibility(TrickleCompatibility mode) {
        return new TrickleConfig(windowSize, autoCreate, idleTimeout, sweepInterval, keepaliveInterval, mode);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
