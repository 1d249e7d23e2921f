package org.livepeer.gateway.live;

import static org.livepeer.gateway.Failures.unwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.livepeer.trickle.PublishedSegment;
import org.livepeer.trickle.SegmentWriter;

/**
 * Streams one input segment from a source to its writer as it is read, never holding more than two
 * chunks, and tells the in-flight tracker when the segment waits on the orchestrator.
 */
final class SegmentStreaming {

    private static final int CHUNK_BYTES = 64 * 1024;

    private SegmentStreaming() {}

    /** Blocks the calling thread until the orchestrator answered the segment. */
    static PublishedSegment copy(InputStream source, SegmentWriter writer, InflightSegments inflight)
            throws IOException {
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        while (true) {
            byte[] chunk = new byte[CHUNK_BYTES];
            int length = source.readNBytes(chunk, 0, chunk.length);
            await(previous);
            if (length == 0) {
                break;
            }
            inflight.waitingOnOrchestrator(writer);
            previous = writer.write(chunk, 0, length).thenRun(() -> inflight.progressed(writer));
            if (length < chunk.length) {
                await(previous);
                break;
            }
        }
        inflight.waitingOnOrchestrator(writer);
        return await(writer.finish());
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while publishing a segment");
        }
    }
}
