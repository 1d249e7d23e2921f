package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One segment of a channel: the chunks written so far, kept as retained buffers so that late
 * readers get the whole segment. Reference counted: the channel's window, each active reader and
 * each active writer hold one reference; the chunks are released when the last one lets go.
 */
final class Segment {

    /** What a reader finds at its position: a chunk (a retained duplicate it owns), nothing yet, or the end. */
    record Read(ByteBuf chunk, boolean end) {
        static final Read NOTHING_YET = new Read(null, false);
        static final Read END = new Read(null, true);
    }

    private final long seq;
    private final AtomicLong heldBytes;
    private final List<ByteBuf> chunks = new ArrayList<>();
    private final List<SegmentReader> readers = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private long size;
    private boolean closed;
    private int references = 1;

    /** @param heldBytes the server-wide gauge of bytes held by segments */
    Segment(long seq, AtomicLong heldBytes) {
        this.seq = seq;
        this.heldBytes = heldBytes;
    }

    long seq() {
        return seq;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Not written to and not closed: a segment only pre-created by a reader or a preconnecting publisher. */
    synchronized boolean isFresh() {
        return !closed && size == 0;
    }

    synchronized long size() {
        return size;
    }

    /**
     * Appends a chunk; the segment keeps its own reference, the caller keeps ownership of
     * {@code data}. Returns false (nothing kept) when the segment is already closed.
     */
    boolean append(ByteBuf data) {
        if (!data.isReadable()) {
            return true;
        }
        synchronized (this) {
            if (closed || references == 0) {
                return false;
            }
            int length = data.readableBytes();
            chunks.add(data.retainedSlice());
            size += length;
            heldBytes.addAndGet(length);
        }
        signalReaders();
        return true;
    }

    /** Marks the segment complete; readers finish once they have everything written so far. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        signalReaders();
        for (Runnable listener : closeListeners) {
            if (closeListeners.remove(listener)) {
                listener.run();
            }
        }
    }

    /** Runs {@code listener} once when the segment closes, at once if it is closed already. */
    void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (isClosed() && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    synchronized void retain() {
        if (references == 0) {
            throw new IllegalStateException("segment " + seq + " already released");
        }
        references++;
    }

    void release() {
        List<ByteBuf> freed;
        synchronized (this) {
            if (references == 0 || --references > 0) {
                return;
            }
            closed = true;
            freed = new ArrayList<>(chunks);
            chunks.clear();
            heldBytes.addAndGet(-size);
        }
        freed.forEach(ByteBuf::release);
    }

    /** The chunk at {@code index} for a reader, or what stands there instead. */
    synchronized Read read(int index) {
        if (index < chunks.size()) {
            return new Read(chunks.get(index).retainedDuplicate(), false);
        }
        return closed ? Read.END : Read.NOTHING_YET;
    }

    void addReader(SegmentReader reader) {
        readers.add(reader);
    }

    void removeReader(SegmentReader reader) {
        readers.remove(reader);
    }

    private void signalReaders() {
        for (SegmentReader reader : readers) {
            reader.signal();
        }
    }

    @Override
    public String toString() {
        return "segment " + seq;
    }
}
