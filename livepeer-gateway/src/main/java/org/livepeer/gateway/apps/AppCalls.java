package org.livepeer.gateway.apps;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.http.HttpRequest;

/** Turns an {@link AppRequest} into the transport's request to an app URL. */
final class AppCalls {

    /** Headers the transport sets itself, or that belong to one connection only. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "proxy-connection",
            "proxy-authorization",
            "expect");

    private AppCalls() {}

    /** The request for {@code baseUrl} + the request's path and query, streamed response limits set. */
    static HttpRequest.Builder request(
            LivepeerGateway gateway, AppSettings settings, String baseUrl, AppRequest request, byte[] body) {
        String url = join(baseUrl, request.target());
        HttpRequest.Builder http = HttpRequest.builder(request.method(), url)
                .responseTimeout(settings.requestTimeout())
                .idleTimeout(settings.bodyIdleTimeout())
                .totalTimeout(settings.totalTimeout());
        if (url.startsWith("https:")) {
            http.sslContext(gateway.orchestratorTls());
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                http.header(header.getKey(), header.getValue());
            }
        }
        if (body != null) {
            http.body(body);
        }
        return http;
    }

    /** {@code base} (no trailing slash needed) followed by {@code target} (starting with '/'). */
    static String join(String base, String target) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmed + target;
    }

    /**
     * The request's body as bytes: a stream is read (and closed) here, up to {@code max} bytes.
     *
     * @throws LivepeerException when the stream cannot be read or is larger than {@code max}
     */
    static byte[] body(AppRequest request, long max) {
        if (request.bodyStream() == null) {
            return request.body();
        }
        try (InputStream stream = request.bodyStream()) {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new LivepeerException(
                        "the request body is larger than maxRequestBytes (" + max + " bytes); nothing was sent");
            }
            return bytes;
        } catch (IOException e) {
            throw new LivepeerException("the request body could not be read: " + e.getMessage(), e);
        }
    }
}
