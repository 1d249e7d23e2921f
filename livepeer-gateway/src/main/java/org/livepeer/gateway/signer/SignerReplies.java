package org.livepeer.gateway.signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** Reads the error message out of a signer (or orchestrator) error body: JSON {@code {"error":{"message"}}} or text. */
final class SignerReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private SignerReplies() {}

    static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.path("error").path("message").isTextual()) {
                return truncate(node.path("error").path("message").asText());
            }
            if (node != null && node.path("error").isTextual()) {
                return truncate(node.path("error").asText());
            }
        } catch (Exception e) {
            // not JSON: use the text
        }
        return text.isEmpty() ? "(no message)" : truncate(text);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
