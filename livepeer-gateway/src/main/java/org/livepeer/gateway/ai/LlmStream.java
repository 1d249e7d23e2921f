package org.livepeer.gateway.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.gateway.apps.ServerSentEvents;
import org.livepeer.http.StreamingResponse;

/**
 * A streamed LLM answer: the chunks of the orchestrator's server-sent events, read as they arrive
 * ({@link #hasNext()} blocks until the next one; nothing is buffered beyond the transport's bounded
 * window). Ends after the chunk with a finish reason or at {@code data: [DONE]}. Closing it early
 * drops the connection. Not thread-safe: one reader.
 */
public final class LlmStream implements Iterator<LlmResponse>, AutoCloseable {

    private final StreamingResponse response;
    private final ServerSentEvents events;
    private final ObjectMapper json;
    private final String orchestrator;
    private final String url;
    private LlmResponse next;
    private boolean ended;

    LlmStream(StreamingResponse response, ObjectMapper json, String orchestrator, String url) {
        this.response = response;
        this.events = new ServerSentEvents(response.body());
        this.json = json;
        this.orchestrator = orchestrator;
        this.url = url;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        next = readChunk();
        if (next == null) {
            end();
        }
        return next != null;
    }

    @Override
    public LlmResponse next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the answer ended");
        }
        LlmResponse chunk = next;
        next = null;
        if (chunk.isFinished()) {
            end();
        }
        return chunk;
    }

    /** The remaining chunks as a sequential stream; closing it closes this. */
    public Stream<LlmResponse> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** Reads the rest and joins the text of every chunk. */
    public String remainingText() {
        StringBuilder text = new StringBuilder();
        forEachRemaining(chunk -> text.append(chunk.text()));
        return text.toString();
    }

    @Override
    public void close() {
        end();
    }

    private LlmResponse readChunk() {
        try {
            while (events.hasNext()) {
                String data = events.next().data().trim();
                if (data.equals("[DONE]")) {
                    return null;
                }
                if (!data.isEmpty()) {
                    return json.readValue(data, LlmResponse.class);
                }
            }
            return null;
        } catch (IOException | UncheckedIOException e) {
            end();
            throw new OrchestratorException(
                    orchestrator, "reading the event stream of " + url + " failed: " + e.getMessage(), true, e);
        } catch (RuntimeException e) {
            end();
            throw e;
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            next = null;
            response.close();
        }
    }
}
