package org.livepeer.simulator.apps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * go-livepeer's per-second live payment processor: whole seconds since the last billing are due
 * (at {@code speed} simulated seconds per real second); the unbilled fraction carries over.
 */
final class SecondsBilling {

    private final Clock clock;
    private final double speed;
    private Instant lastBilled;

    SecondsBilling(Clock clock, double speed) {
        this.clock = clock;
        this.speed = speed;
        this.lastBilled = clock.instant();
    }

    /** Seconds due now; the billed time is consumed. */
    synchronized long unitsDue() {
        Instant now = clock.instant();
        double seconds = Duration.between(lastBilled, now).toNanos() / 1e9 * speed;
        long units = (long) seconds;
        lastBilled = lastBilled.plusNanos((long) (units / speed * 1e9));
        return units;
    }
}
