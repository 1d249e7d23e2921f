package org.livepeer.simulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects a bounded request body, then hands it to a {@link HttpHandler.BufferedHandler}. */
final class BufferingConsumer implements BodyConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BufferingConsumer.class);

    private final HttpCall call;
    private final int maxBytes;
    private final HttpHandler.BufferedHandler handler;
    private final CompositeByteBuf body;
    private boolean tooLarge;

    BufferingConsumer(HttpCall call, int maxBytes, HttpHandler.BufferedHandler handler) {
        this.call = call;
        this.maxBytes = maxBytes;
        this.handler = handler;
        this.body = call.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        if (tooLarge) {
            return;
        }
        if (body.readableBytes() + chunk.readableBytes() > maxBytes) {
            tooLarge = true;
            body.release();
            call.respondText(
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body exceeds " + maxBytes + " bytes");
            return;
        }
        body.addComponent(true, chunk.retain());
    }

    @Override
    public void onEnd() {
        if (tooLarge) {
            return;
        }
        try {
            handler.handle(call, body);
        } catch (Exception e) {
            LOG.warn("{} {} failed", call.method(), call.path(), e);
            if (!call.isResponded()) {
                call.respondText(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
            }
        } finally {
            body.release();
        }
    }

    @Override
    public void onAbort() {
        if (!tooLarge) {
            body.release();
        }
    }
}
