package org.livepeer.examples.http;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Refuses a request that lacks a field the AI runner's OpenAPI spec requires (400, naming the field). */
final class RequiredFields implements Processor {

    private final List<String> required;

    RequiredFields(List<String> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public void process(Exchange exchange) {
        Map<?, ?> fields = exchange.getMessage().getBody(Map.class);
        for (String name : required) {
            if (isMissing(fields.get(name))) {
                throw new BadRequestException("missing required field: " + name);
            }
        }
    }

    private static boolean isMissing(Object value) {
        return value == null
                || (value instanceof String text && text.isBlank())
                || (value instanceof Collection<?> list && list.isEmpty());
    }
}
