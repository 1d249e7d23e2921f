package org.livepeer.examples.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers 200 with the pipeline's response as {@code application/json}. */
final class JsonResponseWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        HttpAnswers.clearRequestHeaders(message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ApiJson.write(message.getBody()));
    }
}
