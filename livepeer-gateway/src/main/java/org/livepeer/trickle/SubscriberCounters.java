package org.livepeer.trickle;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters of a subscriber; safe from any thread. */
final class SubscriberCounters {

    final AtomicLong segmentsDelivered = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong segmentsSkipped = new AtomicLong();
    final AtomicLong emptySegments = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    volatile TrickleException.Kind endReason;

    SubscriberStats snapshot() {
        return new SubscriberStats(
                segmentsDelivered.get(),
                bytesRead.get(),
                gaps.get(),
                resets.get(),
                segmentsSkipped.get(),
                emptySegments.get(),
                retries.get(),
                endReason);
    }
}
