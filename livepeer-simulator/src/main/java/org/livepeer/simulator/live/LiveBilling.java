package org.livepeer.simulator.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When and how much a live session is billed, as go-livepeer's live payment processor does: on an
 * input segment, once at least {@code interval} passed since the last billing, bill the elapsed
 * seconds of 1280x720 at 30 fps. {@code speed} simulates faster time (tests).
 */
public final class LiveBilling {

    /** Pixels per second of go-livepeer's default live segment format, 1280x720 at 30 fps. */
    static final long PIXELS_PER_SECOND = 1280L * 720L * 30L;

    private final Clock clock;
    private final Duration interval;
    private final double speed;
    private Instant lastBilled;

    public LiveBilling(Clock clock, Duration interval, double speed) {
        this.clock = clock;
        this.interval = interval;
        this.speed = speed;
        this.lastBilled = clock.instant();
    }

    /** Units (pixels) due now, or 0 when the interval has not passed; the billed time is consumed. */
    public synchronized long unitsDue() {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(lastBilled, now);
        if (elapsed.compareTo(interval) < 0) {
            return 0;
        }
        long units = (long) (PIXELS_PER_SECOND * (elapsed.toNanos() / 1e9) * speed);
        lastBilled = now;
        return units;
    }
}
