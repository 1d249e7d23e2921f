package org.livepeer.simulator.http;

/**
 * Serves one route. Called on the connection's event loop when the request head arrives; returns
 * what consumes the body. Responding (through {@link HttpCall}) may happen at any time, from any
 * thread, before or after the body is complete.
 */
@FunctionalInterface
public interface HttpHandler {

    BodyConsumer onRequest(HttpCall call);

    /**
     * A handler that needs the whole body at once (JSON, multipart): buffers up to {@code maxBytes}
     * and answers 413 beyond.
     */
    static HttpHandler buffered(int maxBytes, BufferedHandler handler) {
        return call -> new BufferingConsumer(call, maxBytes, handler);
    }

    @FunctionalInterface
    interface BufferedHandler {
        /** {@code body} is released after the call returns. */
        void handle(HttpCall call, io.netty.buffer.ByteBuf body) throws Exception;
    }
}
