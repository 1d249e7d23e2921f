package org.livepeer.gateway.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.livepeer.trickle.SegmentWriter;

/**
 * The input segments of one orchestrator that it has not answered yet, and since when each has
 * been waiting on the orchestrator (a write it has not taken, or the answer after the last byte).
 * A segment waiting on its own source does not count as waiting.
 */
final class InflightSegments {

    private final Clock clock;
    // guarded by this; the value is null while the segment waits on its source
    private final Map<SegmentWriter, Instant> waiting = new IdentityHashMap<>();

    InflightSegments(Clock clock) {
        this.clock = clock;
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized void add(SegmentWriter writer) {
        waiting.put(writer, null);
    }

    /** The segment now waits on the orchestrator (unless it already did). */
    synchronized void waitingOnOrchestrator(SegmentWriter writer) {
        if (waiting.containsKey(writer) && waiting.get(writer) == null) {
            waiting.put(writer, clock.instant());
        }
    }

    /** The orchestrator took what it was given; the segment waits on its source again. */
    synchronized void progressed(SegmentWriter writer) {
        if (waiting.containsKey(writer)) {
            waiting.put(writer, null);
        }
    }

    synchronized void remove(SegmentWriter writer) {
        waiting.remove(writer);
    }

    /** How long the segment that has waited longest on the orchestrator has waited; zero if none. */
    synchronized Duration longestWait() {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (Instant since : waiting.values()) {
            if (since != null) {
                Duration wait = Duration.between(since, now);
                if (wait.compareTo(longest) > 0) {
                    longest = wait;
                }
            }
        }
        return longest;
    }

    /** Cuts off every segment (each fails); they are forgotten. */
    void abortAll() {
        List<SegmentWriter> writers;
        synchronized (this) {
            writers = new ArrayList<>(waiting.keySet());
            waiting.clear();
        }
        writers.forEach(SegmentWriter::abort);
    }
}
