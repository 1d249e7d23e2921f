package org.livepeer.simulator.ai;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.livepeer.simulator.http.HttpCall;

/**
 * An LLM answer as server-sent events, one {@code data: <LLMResponse>} event per chunk, spaced by
 * a timer on the connection's event loop. go-livepeer relays the runner's chunks and stops after the
 * one with a finish reason; the runner's own {@code data: [DONE]} is optional here.
 */
final class LlmStreamReply implements Reply {

    private final List<AiResponses.LlmResponse> chunks;
    private final Duration interval;
    private final boolean doneMarker;

    LlmStreamReply(List<AiResponses.LlmResponse> chunks, Duration interval, boolean doneMarker) {
        this.chunks = chunks;
        this.interval = interval;
        this.doneMarker = doneMarker;
    }

    @Override
    public void send(HttpCall call, Runnable releaseCapacity) {
        call.onClose(releaseCapacity);
        HttpHeaders headers =
                new DefaultHttpHeaders().set("Cache-Control", "no-cache").set("Connection", "keep-alive");
        if (!call.startStream(HttpResponseStatus.OK, "text/event-stream", headers)) {
            releaseCapacity.run();
            return;
        }
        call.executor().execute(() -> sendFrom(0, call, releaseCapacity));
    }

    private void sendFrom(int index, HttpCall call, Runnable releaseCapacity) {
        if (!call.isOpen()) {
            releaseCapacity.run();
            return;
        }
        if (index == chunks.size()) {
            if (doneMarker) {
                write(call, "[DONE]");
            }
            releaseCapacity.run();
            call.endStream();
            return;
        }
        try {
            write(call, HttpCall.JSON.writeValueAsString(chunks.get(index)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        call.executor()
                .schedule(() -> sendFrom(index + 1, call, releaseCapacity), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void write(HttpCall call, String data) {
        call.writeChunk(Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8));
    }
}
