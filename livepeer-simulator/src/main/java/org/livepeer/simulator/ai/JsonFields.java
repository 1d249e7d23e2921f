package org.livepeer.simulator.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The fields of a JSON request body, with Go's {@code encoding/json} error texts. */
final class JsonFields implements RequestFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final String goStruct;

    private JsonFields(JsonNode root, String goStruct) {
        this.root = root;
        this.goStruct = goStruct;
    }

    /** @param goStruct the request type go-livepeer decodes into, for error texts */
    static JsonFields parse(byte[] body, String goStruct) throws AiHttpError {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw AiHttpError.badRequest("invalid character in JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AiHttpError.badRequest(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw AiHttpError.badRequest("EOF");
        }
        if (!root.isObject() && !root.isNull()) {
            throw AiHttpError.badRequest(
                    "json: cannot unmarshal " + goKind(root) + " into Go value of type worker." + goStruct);
        }
        return new JsonFields(root, goStruct);
    }

    JsonNode node(String name) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? null : node;
    }

    @Override
    public String string(String name) throws AiHttpError {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw mismatch(node, name, "string");
        }
        return node.textValue();
    }

    @Override
    public Integer integer(String name) throws AiHttpError {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw mismatch(node, name, "int");
        }
        return node.intValue();
    }

    @Override
    public Double number(String name) throws AiHttpError {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw mismatch(node, name, "float32");
        }
        return node.doubleValue();
    }

    @Override
    public Boolean bool(String name) throws AiHttpError {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw mismatch(node, name, "bool");
        }
        return node.booleanValue();
    }

    AiHttpError mismatch(JsonNode node, String field, String goType) {
        String kind = node.isNumber() ? "number " + node.asText() : goKind(node);
        return AiHttpError.badRequest("json: cannot unmarshal " + kind + " into Go struct field " + goStruct + "."
                + field + " of type " + goType);
    }

    private static String goKind(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isArray() ? "array" : "object";
    }
}
