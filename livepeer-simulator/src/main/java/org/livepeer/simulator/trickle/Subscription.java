package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Executor;

/**
 * An in-process subscriber that follows a channel segment after segment. When it finds its next
 * segment missing (it fell out of the window, or the writer jumped ahead) it continues at the live
 * edge, as trickle clients do after a 470.
 */
public final class Subscription {

    private final TrickleChannel channel;
    private final SegmentListener listener;
    private final Executor executor;
    private volatile boolean cancelled;
    private volatile long currentSeq = -1;
    private volatile SegmentReader reader;

    Subscription(TrickleChannel channel, SegmentListener listener, Executor executor) {
        this.channel = channel;
        this.listener = listener;
        this.executor = executor;
    }

    /** The seq being read (or waited for). */
    public long currentSeq() {
        return currentSeq;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Stops delivery; the listener hears nothing more. */
    public void cancel() {
        cancelled = true;
        SegmentReader current = reader;
        if (current != null) {
            current.cancel();
        }
    }

    void start(long seq) {
        if (cancelled) {
            return;
        }
        TrickleChannel.Lookup lookup = channel.lookupForRead(seq);
        if (lookup.segment() == null && !lookup.closed()) {
            if (lookup.seq() > lookup.latest()) {
                // ahead of the writer: try again once it moves
                currentSeq = lookup.seq();
                channel.whenWriteStarts(lookup.latest(), () -> start(seq));
                return;
            }
            lookup = channel.lookupForRead(-1);
        }
        if (lookup.segment() == null) {
            if (!cancelled) {
                listener.onChannelClosed();
            }
            return;
        }
        currentSeq = lookup.seq();
        reader = channel.openReader(lookup.segment(), new ListenerSink(lookup.seq()), executor);
        if (cancelled) {
            reader.cancel();
        }
    }

    /** Forwards one segment to the listener, then moves on to the next. */
    private final class ListenerSink implements SegmentReader.Sink {
        private final long seq;
        private boolean started;

        ListenerSink(long seq) {
            this.seq = seq;
        }

        @Override
        public void onChunk(ByteBuf chunk) {
            try {
                if (cancelled) {
                    return;
                }
                if (!started) {
                    started = true;
                    listener.onSegmentStart(seq);
                }
                listener.onChunk(seq, chunk);
            } finally {
                chunk.release();
            }
        }

        @Override
        public void onEnd() {
            if (cancelled) {
                return;
            }
            if (started) {
                listener.onSegmentEnd(seq);
            } else if (!channel.isClosed()) {
                listener.onEmptySegment(seq);
            }
            start(seq + 1);
        }
    }
}
