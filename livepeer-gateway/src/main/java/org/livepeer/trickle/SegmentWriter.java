package org.livepeer.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one trickle segment as a streaming POST: bytes go to the server as they are written.
 * Wait for each write's future before writing more to keep memory bounded: it completes at once
 * while little of the segment waits to go out (a chunk of up to {@value #COPIED_CHUNK_BYTES} bytes
 * is copied for that, into the direct memory the socket needs anyway), otherwise once the chunk is
 * on the socket and the connection can take more. {@link #finish()} ends the segment;
 * {@link #close()} does the same, so a writer fits try-with-resources. A failed write fails the
 * segment, and its error says why.
 */
public final class SegmentWriter implements AutoCloseable {

    /** Array chunks up to this size are copied, so their writes may complete before they are sent. */
    public static final int COPIED_CHUNK_BYTES = 64 * 1024;

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
        return upload.write(chunk, true);
    }

    /** Appends a chunk; do not modify it until the returned future completes. */
    public CompletableFuture<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    /** Appends part of an array; do not modify it until the returned future completes. */
    public CompletableFuture<Void> write(byte[] chunk, int offset, int length) {
        if (length <= COPIED_CHUNK_BYTES) {
            ByteBuf copy = ByteBufAllocator.DEFAULT.directBuffer(length);
            copy.writeBytes(chunk, offset, length);
            return upload.write(copy, true);
        }
        return upload.write(Unpooled.wrappedBuffer(chunk, offset, length), false);
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
