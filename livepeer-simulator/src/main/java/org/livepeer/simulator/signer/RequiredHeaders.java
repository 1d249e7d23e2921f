package org.livepeer.simulator.signer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;

/**
 * Header credentials a server demands (e.g. {@code Authorization: Bearer …}): missing → 401,
 * wrong → 403. Values are secrets: they appear in no message and no log.
 */
public final class RequiredHeaders {

    private final Map<String, byte[]> required;

    private RequiredHeaders(Map<String, String> required) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        required.forEach((name, value) -> copy.put(name, value.getBytes(StandardCharsets.UTF_8)));
        this.required = Map.copyOf(copy);
    }

    public static RequiredHeaders none() {
        return new RequiredHeaders(Map.of());
    }

    public static RequiredHeaders of(Map<String, String> nameToValue) {
        return new RequiredHeaders(nameToValue);
    }

    /** {@code handler}, behind the credential check. */
    HttpHandler guard(HttpHandler handler) {
        if (required.isEmpty()) {
            return handler;
        }
        return call -> {
            for (Map.Entry<String, byte[]> header : required.entrySet()) {
                String sent = call.header(header.getKey());
                if (sent == null) {
                    return refuseAfterBody(
                            call, HttpResponseStatus.UNAUTHORIZED, "missing required header " + header.getKey());
                }
                if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), header.getValue())) {
                    return refuseAfterBody(
                            call, HttpResponseStatus.FORBIDDEN, "invalid value for header " + header.getKey());
                }
            }
            return handler.onRequest(call);
        };
    }

    /** Answers once the body is read, so that the client's connection stays usable. */
    private static BodyConsumer refuseAfterBody(HttpCall call, HttpResponseStatus status, String message) {
        return new BodyConsumer() {
            @Override
            public void onChunk(ByteBuf chunk) {}

            @Override
            public void onEnd() {
                JsonErrors.respond(call, status.code(), message, Map.of());
            }
        };
    }

    @Override
    public String toString() {
        return "RequiredHeaders" + required.keySet();
    }
}
