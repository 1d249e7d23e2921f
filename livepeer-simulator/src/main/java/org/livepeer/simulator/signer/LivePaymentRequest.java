package org.livepeer.simulator.signer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of {@code POST /generate-live-payment}, decoded with go-livepeer's field names and
 * encodings ({@code []byte} as base64, names matched case-insensitively).
 *
 * @param state        the signed state returned last time ({@code State}), empty on the first call
 * @param stateSig     its signature ({@code Sig}), empty on the first call
 * @param orchestrator serialized OrchestratorInfo
 * @param maxPrice     null when the request sets none
 * @param capabilities serialized Capabilities, possibly empty
 */
record LivePaymentRequest(
        byte[] state,
        byte[] stateSig,
        byte[] orchestrator,
        String manifestId,
        String app,
        long inPixels,
        String type,
        MaxPrice maxPrice,
        byte[] capabilities) {

    private static final String STRUCT = "RemotePaymentRequest.";

    /** The {@code maxPrice} object: {@code price} is a JSON number (or numeric string), kept as text. */
    record MaxPrice(String price, String currency, String unit) {}

    boolean hasState() {
        return state.length != 0 || stateSig.length != 0;
    }

    static LivePaymentRequest parse(InputStream body) throws SignerError {
        JsonNode root;
        try {
            root = GoJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw SignerError.badRequest(e.getOriginalMessage());
        } catch (IOException e) {
            throw SignerError.badRequest(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw SignerError.badRequest("EOF");
        }
        if (root.isNull()) {
            root = GoJson.MAPPER.createObjectNode();
        }
        if (!root.isObject()) {
            throw SignerError.badRequest("json: cannot unmarshal " + GoJson.jsonType(root)
                    + " into Go value of type server.RemotePaymentRequest");
        }
        JsonNode stateNode = GoJson.field(root, "state");
        byte[] state = new byte[0];
        byte[] sig = new byte[0];
        if (!GoJson.absent(stateNode)) {
            if (!stateNode.isObject()) {
                throw GoJson.typeError(stateNode, STRUCT + "state", "server.RemotePaymentStateSig");
            }
            state = GoJson.bytes(GoJson.field(stateNode, "State"), STRUCT + "state.State");
            sig = GoJson.bytes(GoJson.field(stateNode, "Sig"), STRUCT + "state.Sig");
        }
        return new LivePaymentRequest(
                state,
                sig,
                GoJson.bytes(GoJson.field(root, "orchestrator"), STRUCT + "orchestrator"),
                GoJson.string(GoJson.field(root, "ManifestID"), STRUCT + "ManifestID"),
                GoJson.string(GoJson.field(root, "app"), STRUCT + "app"),
                GoJson.int64(GoJson.field(root, "inPixels"), STRUCT + "inPixels"),
                GoJson.string(GoJson.field(root, "type"), STRUCT + "type"),
                maxPrice(GoJson.field(root, "maxPrice")),
                GoJson.bytes(GoJson.field(root, "capabilities"), STRUCT + "capabilities"));
    }

    private static MaxPrice maxPrice(JsonNode node) throws SignerError {
        if (GoJson.absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw GoJson.typeError(node, STRUCT + "maxPrice", "runner.LiveRunnerPriceInfo");
        }
        JsonNode price = GoJson.field(node, "price");
        String priceText;
        if (GoJson.absent(price)) {
            priceText = "";
        } else if (price.isNumber()) {
            priceText = price.asText();
        } else if (price.isTextual()) {
            priceText = price.asText();
            if (!priceText.isEmpty() && !isJsonNumber(priceText)) {
                throw SignerError.badRequest(
                        "json: invalid number literal, trying to unmarshal \"\\\"" + priceText + "\\\"\" into Number");
            }
        } else {
            throw GoJson.typeError(price, STRUCT + "maxPrice.price", "json.Number");
        }
        return new MaxPrice(
                priceText,
                GoJson.string(GoJson.field(node, "currency"), STRUCT + "maxPrice.currency"),
                GoJson.string(GoJson.field(node, "unit"), STRUCT + "maxPrice.unit"));
    }

    private static boolean isJsonNumber(String text) {
        return text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }
}
