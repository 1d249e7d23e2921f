package org.livepeer.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A response whose body is read as it arrives. The body stream buffers a bounded number of bytes;
 * when the reader falls behind, the transport stops reading the socket until it catches up. A
 * connection lost mid-body reaches the reader as a {@link TransportException} (an {@code
 * IOException}) after the bytes received before it. Close the body (or the response) when done:
 * before the end of the body that closes the connection.
 */
public final class StreamingResponse implements AutoCloseable {

    private final ResponseHead head;
    private final BodyStream body;
    private final StreamingExchange exchange;

    StreamingResponse(ResponseHead head, BodyStream body, StreamingExchange exchange) {
        this.head = head;
        this.body = body;
        this.exchange = exchange;
    }

    public int status() {
        return head.status();
    }

    public String reason() {
        return head.reason();
    }

    /** Read-only, case-insensitive. */
    public HttpHeaders headers() {
        return head.headers();
    }

    /** The first value of the header, or null. */
    public String header(CharSequence name) {
        return head.headers().get(name);
    }

    /** The body; a blocking stream, read it off the event loop. */
    public InputStream body() {
        return body;
    }

    /**
     * Completes when the whole body has arrived (it may not have been read yet), exceptionally when
     * the exchange failed or was cancelled.
     */
    public CompletableFuture<Void> completion() {
        return exchange.bodyComplete;
    }

    /** Drops the connection unless the body already arrived, and discards what is buffered. */
    public void cancel() {
        body.close();
    }

    @Override
    public void close() {
        body.close();
    }

    long bufferedBytes() {
        return body.bufferedBytes();
    }

    long maxBufferedBytes() {
        return body.maxBufferedBytes();
    }

    int pauses() {
        return body.pauses();
    }
}
