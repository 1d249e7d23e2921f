package org.livepeer.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads an {@code application/json} request body into the Map of request fields. */
final class JsonRequestReader implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(read(body));
    }

    static Map<String, Object> read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("the request body must be a JSON object");
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new BadRequestException("the request body must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) value;
            return fields;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the request body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadRequestException("the request body cannot be read", e);
        }
    }
}
