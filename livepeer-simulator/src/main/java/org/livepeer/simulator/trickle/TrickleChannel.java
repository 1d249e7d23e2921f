package org.livepeer.simulator.trickle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One trickle channel: a window of recent segments indexed by seq, the seq to be written next, and
 * whether the channel is closed. Segments live in slot {@code seq % windowSize}; a newer segment
 * evicts the one in its slot. Follows go-livepeer's rules for which seq a read or write resolves to
 * and which segments get pre-created.
 */
public final class TrickleChannel {

    /** What a read resolved to; {@code segment} is retained for the caller, or null when it does not exist. */
    record Lookup(Segment segment, long seq, long latest, boolean closed) {}

    /** A segment claimed for writing, retained for the writer; {@code written} when it already had data or was closed. */
    record WriteClaim(Segment segment, boolean written) {}

    private final String name;
    private final String mimeType;
    private final AtomicLong heldBytes;
    private final Segment[] window;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> writeWaiters = new CopyOnWriteArrayList<>();
    private final AtomicLong segmentsPublished = new AtomicLong();
    private final AtomicLong bytesPublished = new AtomicLong();
    private final AtomicInteger activeReaders = new AtomicInteger();

    private long nextWrite;
    private long lastWriteNanos = System.nanoTime();
    private boolean closed;

    TrickleChannel(String name, String mimeType, int windowSize, AtomicLong heldBytes) {
        this.name = name;
        this.mimeType = mimeType == null ? "" : mimeType;
        this.window = new Segment[windowSize];
        this.heldBytes = heldBytes;
    }

    public String name() {
        return name;
    }

    /** The mime type given at creation; empty when none was. */
    public String mimeType() {
        return mimeType;
    }

    /** The seq the next write goes to (what {@code /next} and {@code Lp-Trickle-Latest} report). */
    public synchronized long nextSeq() {
        return nextWrite;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Segments whose writer finished them with at least one byte. */
    public long segmentsPublished() {
        return segmentsPublished.get();
    }

    public long bytesPublished() {
        return bytesPublished.get();
    }

    /** Readers (HTTP subscribers and local subscriptions) currently attached to a segment. */
    public int activeSubscribers() {
        return activeReaders.get();
    }

    /** A publisher that writes whole segments in order, starting at {@link #nextSeq()}. */
    public LocalPublisher publisher() {
        return new LocalPublisher(this, nextSeq());
    }

    /**
     * Receives segments from {@code fromSeq} on (-1: the next one to be written, -2: the one being
     * written now), following the channel until it closes or the subscription is cancelled. The
     * listener is called on the thread that wrote the data.
     */
    public Subscription subscribe(long fromSeq, SegmentListener listener) {
        return subscribe(fromSeq, listener, null);
    }

    /** As {@link #subscribe(long, SegmentListener)}, with the listener called on {@code executor}. */
    public Subscription subscribe(long fromSeq, SegmentListener listener, Executor executor) {
        Subscription subscription = new Subscription(this, Objects.requireNonNull(listener), executor);
        subscription.start(fromSeq);
        return subscription;
    }

    /** Runs {@code listener} once when the channel closes; at once if it is closed already. */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (isClosed() && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    /**
     * Closes the segment {@code seq} if it is in the window; its readers finish with what was
     * written. Returns false when there is no such segment.
     */
    public boolean closeSegment(long seq) {
        Segment segment;
        synchronized (this) {
            segment = seq < 0 ? null : window[slot(seq)];
        }
        if (segment == null || segment.seq() != seq) {
            return false;
        }
        segment.close();
        return true;
    }

    /** How long since the channel was created or a write last started. */
    synchronized long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }

    /**
     * Resolves a read: -1 is the next seq to be written, -2 the one being written (or 0). A missing
     * segment is pre-created when it is the next one to be written (or seq 1 before anything was
     * written), so subscribers may wait at the live edge.
     */
    Lookup lookupForRead(long requested) {
        synchronized (this) {
            long seq = requested == -1 ? nextWrite : requested == -2 ? Math.max(nextWrite - 1, 0) : requested;
            Segment segment = window[slot(seq)];
            boolean exists = segment != null && segment.seq() == seq;
            if (!exists && !closed && (seq == nextWrite || (nextWrite == 0 && seq == 1))) {
                // the displaced segment is dropped from the window but not closed, as go-livepeer does
                Segment displaced = segment;
                segment = new Segment(seq, heldBytes);
                window[slot(seq)] = segment;
                exists = true;
                if (displaced != null) {
                    displaced.release();
                }
            }
            if (!exists) {
                return new Lookup(null, seq, nextWrite, closed);
            }
            segment.retain();
            return new Lookup(segment, seq, nextWrite, closed);
        }
    }

    /**
     * Claims the segment a write goes to (-1: the next seq to be written). An existing segment with
     * that seq is reused; anything else in its slot is closed and evicted. On a closed channel the
     * segment is closed at once and kept out of the window.
     */
    WriteClaim claimForWrite(long requested) {
        Segment displaced = null;
        WriteClaim claim;
        synchronized (this) {
            long seq = requested == -1 ? nextWrite : requested;
            if (closed) {
                Segment orphan = new Segment(seq, heldBytes);
                orphan.close();
                return new WriteClaim(orphan, true);
            }
            Segment existing = window[slot(seq)];
            if (existing != null && existing.seq() == seq) {
                existing.retain();
                claim = new WriteClaim(existing, !existing.isFresh());
            } else {
                displaced = existing;
                Segment fresh = new Segment(seq, heldBytes);
                window[slot(seq)] = fresh;
                fresh.retain();
                claim = new WriteClaim(fresh, false);
            }
        }
        if (displaced != null) {
            displaced.close();
            displaced.release();
        }
        return claim;
    }

    /** Opens a writer on the segment a write to {@code requested} goes to. */
    SegmentWriter openWriter(long requested) {
        return new SegmentWriter(this, claimForWrite(requested).segment());
    }

    /**
     * Closes every segment in the window older than {@code seq}, to unblock their readers after a
     * publisher restarted; newer (pre-connected) segments stay open.
     */
    void closeSegmentsBefore(long seq) {
        List<Segment> older = new ArrayList<>();
        synchronized (this) {
            for (Segment segment : window) {
                if (segment != null && segment.seq() < seq) {
                    older.add(segment);
                }
            }
        }
        older.forEach(Segment::close);
    }

    /** A write to {@code seq} started (or ended without data): the next write goes after it. */
    void markWriteStarted(long seq) {
        synchronized (this) {
            nextWrite = seq + 1;
            lastWriteNanos = System.nanoTime();
        }
        fireOnce(writeWaiters);
    }

    /**
     * Runs {@code waiter} once, when the next write starts or the channel closes; at once if either
     * happened since {@code latestSeen} was read from {@link #nextSeq()}.
     */
    void whenWriteStarts(long latestSeen, Runnable waiter) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                waiter.run();
            }
        };
        writeWaiters.add(once);
        boolean changed;
        synchronized (this) {
            changed = closed || nextWrite != latestSeen;
        }
        if (changed) {
            writeWaiters.remove(once);
            once.run();
        }
    }

    void countPublishedSegment() {
        segmentsPublished.incrementAndGet();
    }

    void countBytes(long bytes) {
        bytesPublished.addAndGet(bytes);
    }

    /** Attaches a reader to {@code segment} (already retained for it) and starts delivering. */
    SegmentReader openReader(Segment segment, SegmentReader.Sink sink, Executor executor) {
        activeReaders.incrementAndGet();
        SegmentReader reader = new SegmentReader(segment, sink, executor, activeReaders::decrementAndGet);
        reader.start();
        return reader;
    }

    /** Closes every segment (readers finish with what they have) and releases the window. */
    void close() {
        List<Segment> segments;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            segments = new ArrayList<>();
            for (Segment segment : window) {
                if (segment != null) {
                    segments.add(segment);
                }
            }
            Arrays.fill(window, null);
        }
        for (Segment segment : segments) {
            segment.close();
            segment.release();
        }
        fireOnce(writeWaiters);
        fireOnce(closeListeners);
    }

    private static void fireOnce(List<Runnable> listeners) {
        for (Runnable listener : listeners) {
            if (listeners.remove(listener)) {
                listener.run();
            }
        }
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) window.length);
    }

    @Override
    public String toString() {
        return "trickle channel " + name;
    }
}
