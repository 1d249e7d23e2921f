package org.livepeer.trickle;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.livepeer.http.StreamingResponse;

/**
 * One segment a {@link TrickleSubscriber} delivers. Its body streams as the publisher writes it:
 * reading blocks the reading thread (never an event loop) until bytes arrive, and the transport
 * stops reading the socket while the reader lags, so a segment is never held whole unless {@link
 * #readAllBytes()} asks for it. Close the segment when done with it.
 */
public final class Segment implements AutoCloseable {

    private final long seq;
    private final StreamingResponse response;
    private final InputStream body;
    private final long maxBytes;
    private final String url;

    Segment(long seq, StreamingResponse response, SubscriberCounters counters, long maxBytes, String url) {
        this.seq = seq;
        this.response = response;
        this.body = new CountingStream(response.body(), counters);
        this.maxBytes = maxBytes;
        this.url = url;
    }

    public long seq() {
        return seq;
    }

    /** The response headers (case-insensitive names, read-only). */
    public HttpHeaders headers() {
        return response.headers();
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return response.header(name);
    }

    /** The body, delivered as it arrives; a transport failure mid-segment surfaces as an {@code IOException}. */
    public InputStream body() {
        return body;
    }

    /**
     * Reads the rest of the body into memory, up to the subscriber's per-segment limit. Blocks until
     * the segment is complete.
     *
     * @throws TrickleException {@code SEGMENT_TOO_LARGE} when the body exceeds the limit (the segment
     *     is closed), {@code SEGMENT_FAILED} when reading it failed
     */
    public byte[] readAllBytes() throws TrickleException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (bytes.size() + (long) n > maxBytes) {
                    close();
                    throw new TrickleException(
                            TrickleException.Kind.SEGMENT_TOO_LARGE, url, "more than " + maxBytes + " bytes");
                }
                bytes.write(buffer, 0, n);
            }
        } catch (TrickleException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw new TrickleException(TrickleException.Kind.SEGMENT_FAILED, url, "reading the segment failed", e);
        }
        return bytes.toByteArray();
    }

    /** Releases the body; before its end this drops the connection. */
    @Override
    public void close() {
        response.close();
    }

    @Override
    public String toString() {
        return "trickle segment " + url;
    }

    /** Counts the bytes the caller reads. */
    private static final class CountingStream extends FilterInputStream {
        private final SubscriberCounters counters;

        CountingStream(InputStream in, SubscriberCounters counters) {
            super(in);
            this.counters = counters;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counters.bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = super.read(target, offset, length);
            if (n > 0) {
                counters.bytesRead.addAndGet(n);
            }
            return n;
        }
    }
}
