package org.livepeer.simulator.ai;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.livepeer.simulator.http.HttpCall;

/** A pipeline's successful answer, sent once fees are debited. */
interface Reply {

    /** Sends the answer; runs {@code releaseCapacity} once the work is over, as go-livepeer does. */
    void send(HttpCall call, Runnable releaseCapacity);

    /** A JSON body as Go's {@code json.Encoder} writes it (with a trailing newline). */
    static Reply json(Object body) {
        return (call, releaseCapacity) -> {
            releaseCapacity.run();
            byte[] json;
            try {
                json = HttpCall.JSON.writeValueAsBytes(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(
                        "cannot serialise " + body.getClass().getSimpleName(), e);
            }
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            call.respond(HttpResponseStatus.OK, "application/json", withNewline, null);
        };
    }

    /** An error as go-livepeer's {@code http.Error} writes it. */
    static void sendError(HttpCall call, int status, String message) {
        HttpHeaders headers = new DefaultHttpHeaders().set("X-Content-Type-Options", "nosniff");
        call.respond(
                HttpResponseStatus.valueOf(status),
                "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
