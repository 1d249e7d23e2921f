package org.livepeer.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one trickle segment as a streaming POST: bytes go to the server as they are written.
 * Each write's future completes once the chunk is on the socket and the connection can take more;
 * wait for it before writing more to keep memory bounded. {@link #finish()} ends the segment;
 * {@link #close()} does the same, so a writer fits try-with-resources. A failed write fails the
 * segment, and its error says why.
 */
public final class SegmentWriter implements AutoCloseable {

    private final SegmentUpload upload;
    private final CompletableFuture<PublishedSegment> recorded;

    /** {@code recorded} completes with the upload's outcome once the publisher has counted it. */
    SegmentWriter(SegmentUpload upload, CompletableFuture<PublishedSegment> recorded) {
        this.upload = upload;
        this.recorded = recorded;
    }

    /**
     * The segment's seq; -1 while it is not known: the publisher is still resolving where to start,
     * or the segment went to {@code <channel>/-1} and the server has not answered yet.
     */
    public long seq() {
        return upload.seq();
    }

    /** Appends a chunk and takes ownership of it (it is released once sent or on failure). */
    public CompletableFuture<Void> write(ByteBuf chunk) {
        return upload.write(chunk);
    }

    /** Appends a chunk; do not modify it until the returned future completes. */
    public CompletableFuture<Void> write(byte[] chunk) {
        return upload.write(Unpooled.wrappedBuffer(chunk));
    }

    /** Appends part of an array; do not modify it until the returned future completes. */
    public CompletableFuture<Void> write(byte[] chunk, int offset, int length) {
        return upload.write(Unpooled.wrappedBuffer(chunk, offset, length));
    }

    /** Ends the body; completes when the server acknowledged the segment. */
    public CompletableFuture<PublishedSegment> finish() {
        upload.finish();
        return recorded;
    }

    /** The segment's outcome, without ending it. */
    public CompletableFuture<PublishedSegment> result() {
        return recorded;
    }

    /** Drops the segment: its POST is cut off and the segment fails with {@code CLOSED}. */
    public void abort() {
        upload.abortByCaller();
    }

    /** Finishes the segment (without waiting for the server's answer). */
    @Override
    public void close() {
        finish();
    }
}
