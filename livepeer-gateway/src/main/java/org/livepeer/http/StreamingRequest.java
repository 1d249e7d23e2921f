package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose body is written over time, sent with {@code Transfer-Encoding: chunked}. The
 * connection and the request head go out at once, so a request can be opened before its first
 * byte exists (trickle publishers pre-connect the next segment this way). Interim {@code 1xx}
 * responses (trickle keepalives) are skipped; the response may arrive before {@link #finish()} when
 * the server answers early, and then further writes fail.
 */
public final class StreamingRequest {

    private final UploadExchange exchange;

    StreamingRequest(UploadExchange exchange) {
        this.exchange = exchange;
    }

    /** Completes when the connection is open and the request head is on the wire. */
    public CompletableFuture<Void> connected() {
        return exchange.connected;
    }

    /**
     * Appends a chunk (the transport takes ownership of it). The future completes when the chunk
     * was written to the socket and the connection can take more: wait for it before writing the
     * next chunk to keep memory bounded.
     */
    public CompletableFuture<Void> write(ByteBuf chunk) {
        return exchange.write(chunk);
    }

    /** Appends a chunk; do not modify {@code chunk} until the returned future completes. */
    public CompletableFuture<Void> write(byte[] chunk) {
        return exchange.write(Unpooled.wrappedBuffer(chunk));
    }

    /** Ends the body; returns {@link #response()}, whose timeout starts once the body is sent. */
    public CompletableFuture<HttpResponse> finish() {
        return exchange.finish();
    }

    /** The whole response, possibly before {@link #finish()} if the server answers early. */
    public CompletableFuture<HttpResponse> response() {
        return exchange.response;
    }

    /** Drops the connection; the response and pending writes fail with {@code CANCELLED}. */
    public void abort() {
        exchange.fail(
                new TransportException(TransportException.Kind.CANCELLED, exchange.target, "aborted by the caller"));
    }

    /** Body bytes written to the socket so far. */
    public long bodyBytesSent() {
        return exchange.bodyBytesSent();
    }

    /**
     * Whether any body byte left for the server. When none did, sending the same body again cannot
     * duplicate data at the server.
     */
    public boolean isAnyBodySent() {
        return bodyBytesSent() > 0;
    }

    /** Whether the connection takes more writes now (false before it is open). */
    boolean isConnectionWritable() {
        HttpConnection connection = exchange.connection();
        return connection != null && connection.channel().isWritable();
    }

    /** The connection's event loop; null before the connection is open. */
    io.netty.channel.EventLoop eventLoop() {
        HttpConnection connection = exchange.connection();
        return connection == null ? null : connection.eventLoop();
    }

    /** Interim {@code 1xx} responses skipped so far. */
    int interimResponses() {
        return exchange.interimResponses();
    }

    /** Method and URL, for messages. */
    public String target() {
        return exchange.target;
    }
}
