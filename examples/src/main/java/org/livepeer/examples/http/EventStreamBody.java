package org.livepeer.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.livepeer.gateway.ai.model.LlmResponse;

/**
 * A streamed LLM answer as {@code text/event-stream} bytes: one {@code data: <chunk JSON>} event
 * per chunk, read from the chunks as they arrive (a read waits for the next token). Like
 * go-livepeer's gateway it ends after the chunk that carries a finish reason. Closing it closes
 * the stream of chunks (and the connection to the orchestrator).
 */
final class EventStreamBody extends InputStream {

    private final Iterator<LlmResponse> chunks;
    private byte[] event = new byte[0];
    private int position;
    private boolean ended;

    EventStreamBody(Iterator<LlmResponse> chunks) {
        this.chunks = chunks;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == event.length && !nextEvent()) {
            return -1;
        }
        int count = Math.min(length, event.length - position);
        System.arraycopy(event, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return event.length - position;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        if (chunks instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IOException("closing the LLM stream failed", e);
            }
        }
    }

    private boolean nextEvent() throws IOException {
        if (ended) {
            return false;
        }
        try {
            if (!chunks.hasNext()) {
                ended = true;
                return false;
            }
            LlmResponse chunk = chunks.next();
            ended = chunk.isFinished();
            String data = "data: " + new String(ApiJson.write(chunk), StandardCharsets.UTF_8) + "\n\n";
            event = data.getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        } catch (RuntimeException e) {
            ended = true;
            throw new IOException("the LLM stream failed: " + e.getMessage(), e);
        }
    }
}
