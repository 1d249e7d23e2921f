package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a whole request and hands the response over as soon as its head arrives, with the body
 * flowing into a {@link BodyStream}; socket reads pause while the reader lags behind.
 */
final class StreamingExchange extends Exchange implements BodyStream.Flow {

    final CompletableFuture<StreamingResponse> response = new CompletableFuture<>();
    final CompletableFuture<Void> bodyComplete = new CompletableFuture<>();
    private final int bufferBytes;
    private volatile BodyStream body;

    StreamingExchange(HttpRequest request, ExchangeLimits limits, int bufferBytes) {
        super(request, limits);
        this.bufferBytes = bufferBytes;
        abortWhenCancelled(response);
    }

    @Override
    void writeRequest(HttpConnection connection) {
        writeWholeRequest(connection);
    }

    @Override
    void onHead(io.netty.handler.codec.http.HttpResponse head) {
        body = new BodyStream(bufferBytes, this, target);
        if (!response.complete(new StreamingResponse(ResponseHead.of(head), body, this))) {
            // nobody will read this body
            cancel();
        }
    }

    @Override
    void onContent(ByteBuf content) {
        if (body.offer(content.retain())) {
            connection().channel().config().setAutoRead(false);
        }
    }

    @Override
    void readComplete() {
        BodyStream current = body;
        if (current != null) {
            current.flush();
        }
    }

    @Override
    void onEnd() {
        // the body ends first: a callback of the completion (on this event loop) may read the whole body
        body.end();
        bodyComplete.complete(null);
    }

    @Override
    void onFailure(TransportException error) {
        bodyComplete.completeExceptionally(error);
        BodyStream current = body;
        if (current != null) {
            current.fail(error);
        } else {
            response.completeExceptionally(error);
        }
    }

    @Override
    boolean isReadingPaused() {
        BodyStream current = body;
        return current != null && current.isPaused();
    }

    @Override
    public void resume() {
        HttpConnection connection = connection();
        connection.eventLoop().execute(() -> {
            if (!isDone()) {
                touch();
                connection.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void cancel() {
        fail(new TransportException(TransportException.Kind.CANCELLED, target, "cancelled by the caller"));
    }
}
