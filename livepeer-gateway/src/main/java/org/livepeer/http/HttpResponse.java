package org.livepeer.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A whole response: status, headers (case-insensitive names) and the body. Any status is a
 * response, not an error; only transport failures complete a future exceptionally.
 */
public final class HttpResponse {

    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    private final byte[] body;

    HttpResponse(int status, String reason, HttpHeaders headers, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Read-only, case-insensitive. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The first value of the header, or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + " " + reason + ", " + body.length + " bytes]";
    }
}
