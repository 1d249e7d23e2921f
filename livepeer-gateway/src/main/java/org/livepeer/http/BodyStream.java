package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A response body as an {@link InputStream}, fed by the event loop through a bounded buffer: when
 * {@code capacity} bytes wait unread the producer is told to pause, and once the reader has drained
 * the buffer to half, {@link Flow#resume()} lets it continue. Bytes that arrived before a failure
 * are still read; then the failure is thrown.
 *
 * <p>The reader takes every chunk waiting at once and copies from them outside the lock the event
 * loop offers under, so the loop never waits for a copy to finish.
 *
 * <p>A reader waiting for data is woken once per batch, not once per chunk: at {@link #flush()},
 * which the event loop calls when it has finished a socket read, or as soon as {@link
 * #SIGNAL_BYTES} arrived unsignalled, the end, a failure or a pause. A reader that does not wait
 * sees every offered chunk at once.
 */
final class BodyStream extends InputStream {

    /** The producer's side of the flow control. */
    interface Flow {
        /** Reading from the socket may continue. Called on the reader's thread. */
        void resume();

        /** The reader closed the stream before its end. */
        void cancel();
    }

    /** Bytes offered to a waiting reader before it is woken without waiting for {@link #flush()}. */
    static final int SIGNAL_BYTES = 64 * 1024;

    private final int capacity;
    private final Flow flow;
    private final String target;
    /** Guarded by this: chunks offered and not yet taken by the reader. */
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    /** One reader at a time; guards {@link #taken}. Taken before this, never after. */
    private final Object readLock = new Object();
    /** Guarded by readLock: chunks the reader took and copies from without holding this. */
    private final ArrayDeque<ByteBuf> taken = new ArrayDeque<>();

    private long buffered;
    private long maxBuffered;
    /** Bytes offered since the waiting reader was last woken. */
    private long unsignalled;

    private boolean readerWaiting;
    private int signals;
    private int pauses;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    BodyStream(int capacity, Flow flow, String target) {
        this.capacity = capacity;
        this.flow = flow;
        this.target = target;
    }

    /** Adds a retained chunk; true when the producer must pause until {@link Flow#resume()}. */
    synchronized boolean offer(ByteBuf chunk) {
        if (closed) {
            chunk.release();
            return false;
        }
        chunks.addLast(chunk);
        buffered += chunk.readableBytes();
        unsignalled += chunk.readableBytes();
        maxBuffered = Math.max(maxBuffered, buffered);
        if (buffered >= capacity && !paused) {
            paused = true;
            pauses++;
            signal();
            return true;
        }
        if (unsignalled >= SIGNAL_BYTES) {
            signal();
        }
        return false;
    }

    /** The producer finished a batch of offers (one socket read): wakes a reader waiting for them. */
    synchronized void flush() {
        if (unsignalled > 0) {
            signal();
        }
    }

    private void signal() {
        unsignalled = 0;
        if (readerWaiting) {
            signals++;
            notifyAll();
        }
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(IOException error) {
        if (!ended && failure == null) {
            failure = error;
        }
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized long bufferedBytes() {
        return buffered;
    }

    /** The most bytes ever waiting unread. */
    synchronized long maxBufferedBytes() {
        return maxBuffered;
    }

    /** How often a waiting reader was woken for data. */
    synchronized int signals() {
        return signals;
    }

    /** True while a reader waits for data. */
    synchronized boolean isReaderWaiting() {
        return readerWaiting;
    }

    /** How often the producer was told to pause. */
    synchronized int pauses() {
        return pauses;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        boolean resume = false;
        int copied = 0;
        synchronized (readLock) {
            if (taken.isEmpty()) {
                synchronized (this) {
                    awaitData();
                    if (chunks.isEmpty()) {
                        return -1;
                    }
                    taken.addAll(chunks);
                    chunks.clear();
                    unsignalled = 0;
                }
            }
            while (copied < length && !taken.isEmpty()) {
                ByteBuf head = taken.peekFirst();
                int n = Math.min(length - copied, head.readableBytes());
                head.readBytes(target, offset + copied, n);
                copied += n;
                if (!head.isReadable()) {
                    taken.pollFirst().release();
                }
            }
            synchronized (this) {
                if (closed) {
                    return copied;
                }
                buffered -= copied;
                if (paused && buffered <= capacity / 2) {
                    paused = false;
                    resume = true;
                }
            }
        }
        if (resume) {
            flow.resume();
        }
        return copied;
    }

    /** Waits until a chunk is there or the body is over; throws the failure once the data is read. */
    private void awaitData() throws IOException {
        while (chunks.isEmpty()) {
            if (closed) {
                throw new TransportException(TransportException.Kind.CANCELLED, target, "body stream closed");
            }
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return;
            }
            readerWaiting = true;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + target);
            } finally {
                readerWaiting = false;
            }
        }
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    /** Discards what is buffered; before the end of the body this cancels the exchange. */
    @Override
    public void close() {
        boolean cancel;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancel = !ended && failure == null;
            chunks.forEach(ByteBuf::release);
            chunks.clear();
            buffered = 0;
            notifyAll();
        }
        // a reader in the middle of a copy finishes it first
        synchronized (readLock) {
            taken.forEach(ByteBuf::release);
            taken.clear();
        }
        if (cancel) {
            flow.cancel();
        }
    }
}
