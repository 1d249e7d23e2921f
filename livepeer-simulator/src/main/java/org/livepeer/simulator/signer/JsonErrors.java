package org.livepeer.simulator.signer;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.livepeer.simulator.http.HttpCall;

/**
 * Error replies in go-livepeer's {@code respondJsonError} shape, {@code {"error":{"message":…}}};
 * like go, 500 and 503 hide the cause behind a generic message.
 */
final class JsonErrors {

    private JsonErrors() {}

    static void respond(HttpCall call, int status, String message, Map<String, String> headers) {
        String shown =
                switch (status) {
                    case 500 -> "Internal Server Error";
                    case 503 -> "Service Unavailable Error";
                    default -> message;
                };
        HttpHeaders extra = new DefaultHttpHeaders();
        headers.forEach(extra::set);
        call.respond(HttpResponseStatus.valueOf(status), "application/json", body(shown), extra);
    }

    static void respond(HttpCall call, SignerError error) {
        respond(call, error.status(), error.getMessage(), error.headers());
    }

    static byte[] body(String message) {
        Map<String, Object> body = Map.of("error", Map.of("message", message));
        return GoJson.encodeLine(body);
    }
}
