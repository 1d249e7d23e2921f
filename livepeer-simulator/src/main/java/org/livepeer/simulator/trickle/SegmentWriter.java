package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Writes one segment: each chunk reaches the segment's readers as soon as it is written; {@link
 * #end()} completes the segment. Bytes written after the segment was closed from elsewhere (a
 * reset, a DELETE, the channel closing) are dropped.
 */
public final class SegmentWriter implements AutoCloseable {

    private final TrickleChannel channel;
    private final Segment segment;
    private long bytesWritten;
    private boolean done;

    /** @param segment retained for this writer; released by {@link #end()} or {@link #abort()} */
    SegmentWriter(TrickleChannel channel, Segment segment) {
        this.channel = channel;
        this.segment = segment;
    }

    public long seq() {
        return segment.seq();
    }

    /** Writes a chunk; the caller keeps ownership of {@code data}. */
    public synchronized void write(ByteBuf data) {
        if (done) {
            throw new IllegalStateException("segment " + seq() + " already ended");
        }
        int length = data.readableBytes();
        if (length == 0) {
            return;
        }
        if (bytesWritten == 0) {
            channel.markWriteStarted(seq());
        }
        bytesWritten += length;
        if (segment.append(data)) {
            channel.countBytes(length);
        }
    }

    /** Writes a copy of {@code data}; the caller may reuse the array. */
    public void write(byte[] data) {
        ByteBuf copy = Unpooled.copiedBuffer(data);
        try {
            write(copy);
        } finally {
            copy.release();
        }
    }

    /** Bytes handed to {@link #write}, including any dropped because the segment was closed. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Completes the segment. */
    public synchronized void end() {
        if (done) {
            return;
        }
        done = true;
        segment.close();
        if (bytesWritten > 0) {
            channel.countPublishedSegment();
        }
        segment.release();
    }

    @Override
    public void close() {
        end();
    }

    /** The source went away mid-segment: closes the segment with what it has, without counting it. */
    synchronized void abort() {
        if (done) {
            return;
        }
        done = true;
        segment.close();
        segment.release();
    }

    /** Lets go of the segment without closing it, so that another writer may still fill it. */
    synchronized void abandon() {
        if (done) {
            return;
        }
        done = true;
        segment.release();
    }

    /** Runs {@code listener} once when the segment is closed, by this writer or from elsewhere. */
    void onSegmentClosed(Runnable listener) {
        segment.onClose(listener);
    }

    boolean isSegmentClosed() {
        return segment.isClosed();
    }
}
