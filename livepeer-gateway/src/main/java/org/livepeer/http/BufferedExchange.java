package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a whole request and collects the whole response body, up to a limit. The body of an error
 * answer (status 400 and above) is kept only up to {@link #MAX_ERROR_BODY_BYTES}: the exchange ends
 * there (closing the connection) and the response carries that prefix.
 */
class BufferedExchange extends Exchange {

    /** Bytes of an error answer's body kept; error bodies are for messages, never for data. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    final CompletableFuture<HttpResponse> response = new CompletableFuture<>();
    private final long maxBodyBytes;
    private ResponseHead head;
    private CompositeByteBuf body;

    BufferedExchange(HttpRequest request, ExchangeLimits limits, long maxBodyBytes) {
        super(request, limits);
        this.maxBodyBytes = maxBodyBytes;
        abortWhenCancelled(response);
    }

    @Override
    void writeRequest(HttpConnection connection) {
        writeWholeRequest(connection);
    }

    @Override
    void onHead(io.netty.handler.codec.http.HttpResponse message) {
        head = ResponseHead.of(message);
        long declared = HttpUtil.getContentLength(message, -1L);
        if (declared > maxBodyBytes && head.status() < 400) {
            fail(tooLarge());
            return;
        }
        body = connection().channel().alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    @Override
    void onContent(ByteBuf content) {
        if (head.status() >= 400 && body.readableBytes() + (long) content.readableBytes() > MAX_ERROR_BODY_BYTES) {
            int room = MAX_ERROR_BODY_BYTES - body.readableBytes();
            body.addComponent(true, content.retainedSlice(content.readerIndex(), room));
            if (finishEarly()) {
                onEnd();
            }
            return;
        }
        if (body.readableBytes() + (long) content.readableBytes() > maxBodyBytes) {
            fail(tooLarge());
            return;
        }
        body.addComponent(true, content.retain());
    }

    @Override
    void onEnd() {
        byte[] bytes = ByteBufUtil.getBytes(body);
        releaseBody();
        response.complete(new HttpResponse(head.status(), head.reason(), head.headers(), bytes));
    }

    @Override
    void onFailure(TransportException error) {
        releaseBody();
        response.completeExceptionally(error);
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    private TransportException tooLarge() {
        return new TransportException(
                TransportException.Kind.BODY_TOO_LARGE, target, "response body exceeds " + maxBodyBytes + " bytes");
    }
}
