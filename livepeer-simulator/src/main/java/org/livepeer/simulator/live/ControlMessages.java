package org.livepeer.simulator.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import org.livepeer.simulator.trickle.SegmentListener;

/**
 * Reads a control channel as a runner does: one JSON message per segment (at most 64 KiB kept),
 * keepalives ({@code {"keep":"alive"}}) dropped.
 */
public final class ControlMessages implements SegmentListener {

    /** What a session does with its control channel. */
    public interface Handler {
        void onMessage(JsonNode message);

        void onInvalid(String reason);

        void onClosed();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private final Handler handler;

    public ControlMessages(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void onSegmentStart(long seq) {
        message.reset();
    }

    @Override
    public void onChunk(long seq, ByteBuf chunk) {
        if (message.size() + chunk.readableBytes() <= MAX_MESSAGE_BYTES) {
            byte[] bytes = new byte[chunk.readableBytes()];
            chunk.getBytes(chunk.readerIndex(), bytes);
            message.writeBytes(bytes);
        }
    }

    @Override
    public void onSegmentEnd(long seq) {
        JsonNode received;
        try {
            received = JSON.readTree(message.toByteArray());
        } catch (Exception e) {
            handler.onInvalid("control message is not JSON: " + e.getMessage());
            return;
        }
        if (received == null || (received.has("keep") && received.size() == 1)) {
            return;
        }
        handler.onMessage(received);
    }

    @Override
    public void onChannelClosed() {
        handler.onClosed();
    }
}
