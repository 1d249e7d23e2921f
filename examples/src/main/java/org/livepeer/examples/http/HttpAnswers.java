package org.livepeer.examples.http;

import org.apache.camel.Message;

/** What every answer shares. */
final class HttpAnswers {

    private HttpAnswers() {}

    /**
     * Drops the request's HTTP headers, which Camel would otherwise echo in the answer; Camel's own
     * headers (never sent) stay.
     */
    static void clearRequestHeaders(Message message) {
        message.removeHeaders("*", "Camel*");
    }
}
