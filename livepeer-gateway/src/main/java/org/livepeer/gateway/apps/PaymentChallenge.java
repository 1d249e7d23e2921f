package org.livepeer.gateway.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Base64;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.proto.OrchestratorInfo;

/**
 * An orchestrator's {@code 402} answer to an unpaid reservation: the payment parameters (base64
 * OrchestratorInfo with ticket parameters for this payer, the price and an auth token whose session id
 * is the manifest id), and where later payments go.
 */
record PaymentChallenge(String paymentParams, OrchestratorInfo info, String manifestId, String paymentUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a 402 body; one without payment parameters is the orchestrator refusing, reported as such. */
    static PaymentChallenge parse(String orchestrator, String what, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            json = null;
        }
        String params = json == null ? null : json.path("payment_params").asText(null);
        if (params == null || params.isEmpty()) {
            throw new OrchestratorException(
                    orchestrator,
                    402,
                    what + " answered 402 without payment parameters: " + Replies.errorText(body),
                    false,
                    null);
        }
        OrchestratorInfo info;
        try {
            info = OrchestratorInfo.parseFrom(Base64.getDecoder().decode(params));
        } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new OrchestratorException(
                    orchestrator, 402, what + " answered 402 with unreadable payment parameters", false, e);
        }
        String manifest = json.path("manifest_id").asText("");
        if (manifest.isEmpty()) {
            manifest = info.getAuthToken().getSessionId();
        }
        String paymentUrl = json.path("payment_url").asText("");
        return new PaymentChallenge(params, info, manifest, paymentUrl.isEmpty() ? null : paymentUrl);
    }

    /** Wei per unit the challenge prices at ({@code price_per_unit / pixels_per_unit}); null without a price. */
    BigDecimal pricePerUnit() {
        if (!info.hasPriceInfo() || info.getPriceInfo().getPricePerUnit() <= 0) {
            return null;
        }
        long pixels = Math.max(1, info.getPriceInfo().getPixelsPerUnit());
        return new BigDecimal(info.getPriceInfo().getPricePerUnit())
                .divide(new BigDecimal(pixels), MathContext.DECIMAL64);
    }
}
