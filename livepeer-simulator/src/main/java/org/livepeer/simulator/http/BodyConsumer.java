package org.livepeer.simulator.http;

import io.netty.buffer.ByteBuf;

/**
 * Receives the body of one request as it arrives. Chunks are released by the caller after
 * {@link #onChunk} returns: retain them to keep them.
 */
public interface BodyConsumer {

    /** Consumer for requests whose body is irrelevant. */
    BodyConsumer IGNORE = new BodyConsumer() {
        @Override
        public void onChunk(ByteBuf chunk) {}

        @Override
        public void onEnd() {}
    };

    void onChunk(ByteBuf chunk);

    /** The request body is complete. */
    void onEnd();

    /** The connection closed before the body was complete. */
    default void onAbort() {}
}
