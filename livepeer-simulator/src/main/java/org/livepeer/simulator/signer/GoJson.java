package org.livepeer.simulator.signer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** Reading and writing JSON the way Go's encoding/json does, where a client could tell. */
final class GoJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private GoJson() {}

    /** Go's json.Encoder output: the document and a newline. */
    static byte[] encodeLine(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON", e);
        }
    }

    /** The member named {@code name}: exact match first, then case-insensitive as Go matches fields. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getKey().equalsIgnoreCase(name)) {
                found = member.getValue();
            }
        }
        return found;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    /** A {@code []byte} field: base64 text, or null. */
    static byte[] bytes(JsonNode node, String goField) throws SignerError {
        if (absent(node)) {
            return new byte[0];
        }
        if (!node.isTextual()) {
            throw typeError(node, goField, "[]uint8");
        }
        String compact = node.asText().replace("\r", "").replace("\n", "");
        int bad = firstInvalidBase64(compact);
        if (bad >= 0) {
            throw SignerError.badRequest("illegal base64 data at input byte " + bad);
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw SignerError.badRequest("illegal base64 data at input byte " + compact.length());
        }
    }

    static String string(JsonNode node, String goField) throws SignerError {
        if (absent(node)) {
            return "";
        }
        if (!node.isTextual()) {
            throw typeError(node, goField, "string");
        }
        return node.asText();
    }

    static long int64(JsonNode node, String goField) throws SignerError {
        if (absent(node)) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            if (node.isNumber()) {
                throw SignerError.badRequest("json: cannot unmarshal number " + node.asText() + " into Go struct field "
                        + goField + " of type int64");
            }
            throw typeError(node, goField, "int64");
        }
        return node.asLong();
    }

    static SignerError typeError(JsonNode node, String goField, String goType) {
        return SignerError.badRequest(
                "json: cannot unmarshal " + jsonType(node) + " into Go struct field " + goField + " of type " + goType);
    }

    static String jsonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case NUMBER -> "number";
            case BOOLEAN -> "bool";
            default -> "string";
        };
    }

    /** Index of the first character Go's padded StdEncoding refuses, or -1. */
    private static int firstInvalidBase64(String text) {
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=') {
                padding++;
            } else if (!alphabet || padding > 0) {
                return i;
            }
        }
        return text.length() % 4 == 0 && padding <= 2 ? -1 : text.length() - text.length() % 4;
    }
}
