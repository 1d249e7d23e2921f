package org.livepeer.gateway.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** Error text of an orchestrator's answer, short enough to quote in a message. */
final class Replies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED = 500;

    private Replies() {}

    /** The {@code error.message} / {@code error} of a JSON body, else the text, truncated. */
    static String errorText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                JsonNode error = json.get("error");
                if (error != null && error.isObject() && error.hasNonNull("message")) {
                    text = error.get("message").asText();
                } else if (error != null && error.isTextual()) {
                    text = error.asText();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: quote the text
        }
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
