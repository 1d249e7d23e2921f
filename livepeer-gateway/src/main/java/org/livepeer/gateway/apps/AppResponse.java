package org.livepeer.gateway.apps;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.http.StreamingResponse;

/**
 * An app's answer: status and headers at once, the body as it arrives (a blocking stream; read it
 * off the event loop). Any status is an answer, not an error. Close it when done; before the end of
 * the body that drops the connection.
 */
public final class AppResponse implements AutoCloseable {

    private final StreamingResponse response;
    private final OrchestratorAddress orchestrator;

    AppResponse(StreamingResponse response, OrchestratorAddress orchestrator) {
        this.response = response;
        this.orchestrator = orchestrator;
    }

    public int status() {
        return response.status();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        return response.header(name);
    }

    /** Every header, names as the server sent them, in order; read-only, case-insensitive lookups via {@link #header}. */
    public HttpHeaders headers() {
        return response.headers();
    }

    /** The headers as a map of name to values, names in lower case. */
    public Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            map.put(
                    name.toLowerCase(Locale.ROOT),
                    List.copyOf(response.headers().getAll(name)));
        }
        return map;
    }

    /** The orchestrator whose proxy answered. */
    public OrchestratorAddress orchestrator() {
        return orchestrator;
    }

    /** Whether the body is a {@code text/event-stream}. */
    public boolean isEventStream() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** The body, streamed as it arrives. */
    public InputStream body() {
        return response.body();
    }

    /** The body read as server-sent events, one by one as they arrive. */
    public ServerSentEvents events() {
        return new ServerSentEvents(response.body());
    }

    /** Reads the whole body as UTF-8 text (blocks until it ended) and closes the response. */
    public String bodyAsString() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        response.close();
    }

    @Override
    public String toString() {
        return "AppResponse[" + status() + " from " + orchestrator + "]";
    }
}
