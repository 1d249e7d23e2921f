package org.livepeer.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;

/** Status line and headers of a response, detached from Netty's message. */
record ResponseHead(int status, String reason, HttpHeaders headers) {

    static ResponseHead of(io.netty.handler.codec.http.HttpResponse response) {
        HttpHeaders source = response.headers();
        CharSequence[] pairs = new CharSequence[source.size() * 2];
        int i = 0;
        for (var header : source) {
            pairs[i++] = header.getKey();
            pairs[i++] = header.getValue();
        }
        return new ResponseHead(
                response.status().code(), response.status().reasonPhrase(), new ReadOnlyHttpHeaders(false, pairs));
    }
}
