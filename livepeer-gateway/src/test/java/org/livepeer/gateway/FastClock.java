package org.livepeer.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs {@code factor} times faster than real time, from now on. */
public final class FastClock extends Clock {

    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private final double factor;

    public FastClock(double factor) {
        this.factor = factor;
    }

    /** How much simulated time has passed. */
    public Duration elapsed() {
        return Duration.between(start, instant());
    }

    @Override
    public Instant instant() {
        long real = System.nanoTime() - startNanos;
        return start.plusNanos((long) (real * factor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
