package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows one segment from its first chunk to its end and hands each chunk to a sink, in order,
 * as soon as it is written. No thread waits: a writer signals the reader, which drains on its
 * executor (or on the signalling thread when it has none). Only one drain runs at a time.
 */
final class SegmentReader {

    /** Where the chunks go. Never called concurrently. */
    interface Sink {
        /** Takes ownership of {@code chunk}. */
        void onChunk(ByteBuf chunk);

        /** The segment is complete (or was closed); nothing more follows. */
        void onEnd();
    }

    private final Segment segment;
    private final Sink sink;
    private final Executor executor;
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final AtomicBoolean detached = new AtomicBoolean();
    private final Runnable onDetach;
    private volatile boolean finished;
    private int position;

    /**
     * @param segment  already retained for this reader; released when the reader finishes
     * @param executor where the sink is called, or null for the signalling thread
     * @param onDetach run once when the reader finishes or is cancelled
     */
    SegmentReader(Segment segment, Sink sink, Executor executor, Runnable onDetach) {
        this.segment = segment;
        this.sink = sink;
        this.executor = executor;
        this.onDetach = onDetach;
    }

    void start() {
        segment.addReader(this);
        signal();
    }

    /** Stops delivering; the sink is not told. */
    void cancel() {
        finished = true;
        detach();
    }

    boolean isFinished() {
        return finished;
    }

    void signal() {
        if (pendingSignals.getAndIncrement() != 0) {
            return;
        }
        if (executor == null) {
            drain();
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            cancel();
        }
    }

    private void drain() {
        int missed = 1;
        do {
            deliverAvailable();
            missed = pendingSignals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliverAvailable() {
        while (!finished) {
            Segment.Read read = segment.read(position);
            if (read.chunk() != null) {
                position++;
                if (finished) {
                    read.chunk().release();
                    return;
                }
                sink.onChunk(read.chunk());
            } else if (read.end()) {
                finished = true;
                // a concurrent cancel may have detached first; then the sink must hear nothing more
                if (detach()) {
                    sink.onEnd();
                }
            } else {
                return;
            }
        }
    }

    private boolean detach() {
        if (!detached.compareAndSet(false, true)) {
            return false;
        }
        segment.removeReader(this);
        segment.release();
        onDetach.run();
        return true;
    }
}
