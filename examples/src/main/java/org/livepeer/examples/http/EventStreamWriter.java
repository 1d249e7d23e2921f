package org.livepeer.examples.http;

import java.util.Iterator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.livepeer.gateway.ai.model.LlmResponse;

/**
 * Answers a streamed LLM request with {@code text/event-stream}: the body is an {@link
 * EventStreamBody}, which Camel Netty HTTP (with {@code disableStreamCache}) sends as HTTP chunks
 * while the tokens arrive.
 */
final class EventStreamWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Iterator<LlmResponse> chunks = message.getBody(Iterator.class);
        HttpAnswers.clearRequestHeaders(message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
        message.setBody(new EventStreamBody(chunks));
    }
}
