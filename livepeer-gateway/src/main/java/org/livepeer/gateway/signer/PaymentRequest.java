package org.livepeer.gateway.signer;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;

/**
 * A {@code /generate-live-payment} request. {@code type} is {@code lv2v}, {@code live},
 * {@code fixed}, or null with {@code inPixels > 0} for per-pixel batch work; {@code state} is null
 * on a session's first request; {@code maxPrice} is optional (wei per the type's unit).
 */
public record PaymentRequest(
        OrchestratorInfo orchestrator,
        String type,
        long inPixels,
        String manifestId,
        JsonNode state,
        String app,
        BigDecimal maxPrice,
        Capabilities capabilities) {

    /** The unit the signer expects {@code maxPrice} in, for the payment type. */
    String maxPriceUnit() {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "lv2v" -> "720p-pixel-seconds";
            case "live" -> "seconds";
            case "fixed" -> "fixed";
            default -> null;
        };
    }
}
