package org.livepeer.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** The headers a request goes out with: the caller's, plus {@code Host}; framing is the transport's. */
final class RequestHeads {

    private RequestHeads() {}

    static void copy(HttpRequest request, HttpHeaders target) {
        target.add(request.headersForWire());
        target.remove(HttpHeaderNames.CONTENT_LENGTH);
        target.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (!target.contains(HttpHeaderNames.HOST)) {
            target.set(HttpHeaderNames.HOST, Urls.hostHeader(request.uri()));
        }
    }

    /** Methods whose requests carry a length even when empty. */
    static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
