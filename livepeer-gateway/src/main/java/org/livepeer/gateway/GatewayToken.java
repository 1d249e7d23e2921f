package org.livepeer.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway token: base64 of a JSON object that may carry {@code orchestrators} (array of
 * addresses), {@code signer}, {@code signer_headers}, {@code discovery} and
 * {@code discovery_headers}. Its values take precedence over options set explicitly. The token is
 * a secret: error messages name the field, never the token's content.
 */
public record GatewayToken(
        List<String> orchestrators,
        String signer,
        Map<String, String> signerHeaders,
        String discovery,
        Map<String, String> discoveryHeaders) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static GatewayToken parse(String token) {
        if (token.isBlank()) {
            throw new ConfigurationException("token", "is blank; leave it unset or give base64-encoded JSON");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("token", "not base64-encoded JSON");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new ConfigurationException("token", "the decoded token is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("token", "the decoded token must be a JSON object");
        }
        GatewayToken parsed = new GatewayToken(
                orchestrators(root.get("orchestrators")),
                text(root, "signer"),
                headers(root, "signer_headers"),
                text(root, "discovery"),
                headers(root, "discovery_headers"));
        if (parsed.orchestrators() == null && parsed.signer() == null && parsed.discovery() == null) {
            throw new ConfigurationException(
                    "token", "names no orchestrators, signer or discovery, so it cannot configure anything");
        }
        return parsed;
    }

    /** Encodes a token (handy for tests and tools). */
    public String encode() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (orchestrators != null) {
            out.put("orchestrators", orchestrators);
        }
        if (signer != null) {
            out.put("signer", signer);
        }
        if (signerHeaders != null) {
            out.put("signer_headers", signerHeaders);
        }
        if (discovery != null) {
            out.put("discovery", discovery);
        }
        if (discoveryHeaders != null) {
            out.put("discovery_headers", discoveryHeaders);
        }
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(out));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> orchestrators(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new ConfigurationException("token.orchestrators", "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ConfigurationException("token.orchestrators", "must contain only non-empty strings");
            }
            out.add(item.asText().trim());
        }
        return out;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ConfigurationException("token." + field, "must be a string");
        }
        return node.asText();
    }

    private static Map<String, String> headers(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ConfigurationException("token." + field, "must be an object of string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw new ConfigurationException(
                        "token." + field, "the value of header '" + entry.getKey() + "' must be a string");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }

    @Override
    public String toString() {
        return "GatewayToken[" + (orchestrators == null ? 0 : orchestrators.size()) + " orchestrators, signer "
                + (signer == null ? "none" : signer) + ", discovery " + (discovery == null ? "none" : discovery)
                + "]";
    }
}
