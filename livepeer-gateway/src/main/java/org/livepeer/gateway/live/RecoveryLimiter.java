package org.livepeer.gateway.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits how often a live job moves to another orchestrator, the way go-livepeer's gateway does: a
 * move less than {@code window} after the previous move (or after the start) extends the current
 * run of moves, a later one starts a new run, and a run longer than {@code max} is refused.
 */
final class RecoveryLimiter {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private Instant last;
    private int run;

    RecoveryLimiter(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.last = clock.instant();
    }

    /** Whether a move may happen now; counts it if so. */
    synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        int nextRun = now.isBefore(last.plus(window)) ? run + 1 : 1;
        if (nextRun > max) {
            return false;
        }
        run = nextRun;
        last = now;
        return true;
    }
}
