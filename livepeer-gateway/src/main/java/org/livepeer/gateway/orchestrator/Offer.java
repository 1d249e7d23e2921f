package org.livepeer.gateway.orchestrator;

import java.math.BigDecimal;
import java.math.MathContext;
import org.livepeer.gateway.Pipeline;

/**
 * What an orchestrator offers for one pipeline and model: whether it has the model, its idle
 * capacity and the price in wei per unit (pixel). {@code price} is null when it quoted none
 * (offchain orchestrators).
 */
public record Offer(
        Pipeline pipeline,
        String modelId,
        boolean hasModel,
        boolean warm,
        int idleCapacity,
        int capacityInUse,
        long pricePerUnit,
        long pixelsPerUnit) {

    /** Wei per unit, or null when no price was quoted. */
    public BigDecimal price() {
        if (pixelsPerUnit <= 0) {
            return null;
        }
        return BigDecimal.valueOf(pricePerUnit).divide(BigDecimal.valueOf(pixelsPerUnit), MathContext.DECIMAL64);
    }
}
