package org.livepeer.trickle;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The live counters and terminal state of a publisher; safe from any thread, lock-free. */
final class PublisherCounters {

    final AtomicLong segmentsStarted = new AtomicLong();
    final AtomicLong segmentsCompleted = new AtomicLong();
    final AtomicLong segmentsFailed = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    final AtomicReference<TrickleException> terminal = new AtomicReference<>();

    /** Records the first terminal failure; later ones are ignored. */
    boolean becomeTerminal(TrickleException error) {
        return terminal.compareAndSet(null, error);
    }

    PublisherStats snapshot() {
        TrickleException reason = terminal.get();
        return new PublisherStats(
                segmentsStarted.get(),
                segmentsCompleted.get(),
                segmentsFailed.get(),
                bytesSent.get(),
                retries.get(),
                consecutiveFailures.get(),
                reason == null ? null : reason.kind());
    }
}
