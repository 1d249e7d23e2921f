package org.livepeer.camel;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.WrappedFile;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.apps.AppRequest;
import org.livepeer.gateway.apps.AppResponse;

/**
 * A Camel message as an app request (method, path, query, headers and body) and an app response back
 * into the message (status, headers, body: a stream, or the events of an event stream).
 */
final class AppMessages {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private AppMessages() {}

    /**
     * The request for the exchange: {@code CamelHttpMethod}, {@code CamelHttpPath} and {@code
     * CamelHttpQuery} override the endpoint's method and path; other headers go to the app except
     * Camel's own ({@code Camel…}); the body is bytes, text, a stream (a file, any body Camel reads as
     * one) or JSON for a Map or a List.
     */
    static AppRequest request(Exchange exchange, LivepeerConfiguration config) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if (method == null || method.isBlank()) {
            method = config.getMethod() != null ? config.getMethod() : body == null ? "GET" : "POST";
        }
        String target = config.getPath() == null || config.getPath().isBlank() ? "/" : config.getPath();
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        if (path != null && !path.isBlank()) {
            String query = target.contains("?") ? target.substring(target.indexOf('?')) : "";
            target = (path.startsWith("/") ? path : "/" + path) + query;
        }
        AppRequest.Builder request = AppRequest.builder(method, target);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null && !query.isBlank()) {
            request.query(query);
        }
        boolean contentType = false;
        for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
            String name = header.getKey();
            if (!forwarded(name) || header.getValue() == null) {
                continue;
            }
            for (Object value : values(header.getValue())) {
                request.header(name, String.valueOf(value));
                contentType |= name.equalsIgnoreCase("Content-Type");
            }
        }
        if (body != null) {
            Object payload = body(exchange, body);
            if (payload instanceof byte[] bytes) {
                request.body(bytes);
            } else {
                request.body((InputStream) payload);
            }
            if (!contentType && (body instanceof Map || body instanceof Collection)) {
                request.header("Content-Type", "application/json");
            }
        }
        return request.build();
    }

    /** Puts the answer into the message: status, headers (the app's names), the streamed body. */
    static void response(Message out, AppResponse response) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        for (String name : response.headers().names()) {
            List<String> values = response.headers().getAll(name);
            out.setHeader(name, values.size() == 1 ? values.get(0) : values);
        }
        out.setHeader(
                LivepeerConstants.ORCHESTRATOR_USED, response.orchestrator().authority());
        out.setBody(response.isEventStream() ? response.events() : response.body());
    }

    private static boolean forwarded(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.startsWith("camel")
                && !lower.equals("breadcrumbid")
                && name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    }

    private static Iterable<?> values(Object value) {
        if (value instanceof Collection<?> many) {
            return many;
        }
        return List.of(value);
    }

    private static Object body(Exchange exchange, Object body) {
        if (body instanceof byte[] || body instanceof InputStream) {
            return body;
        }
        if (body instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (body instanceof Map || body instanceof Collection) {
            try {
                return JSON.writeValueAsBytes(body);
            } catch (java.io.IOException e) {
                throw new ConfigurationException(
                        "body", "the Map or List body cannot be written as JSON: " + e.getMessage());
            }
        }
        try {
            if (body instanceof WrappedFile<?> || body instanceof java.io.File || body instanceof java.nio.file.Path) {
                return exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange, body);
            }
            return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        } catch (NoTypeConversionAvailableException | org.apache.camel.TypeConversionException e) {
            throw new ConfigurationException(
                    "body",
                    "livepeer:app cannot send a body of type " + body.getClass().getName()
                            + ": use bytes, text, a stream or file, or a Map or List (sent as JSON)");
        }
    }
}
