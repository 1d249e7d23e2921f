package org.livepeer.simulator.orchestrator;

import java.util.Objects;
import org.livepeer.simulator.Capability;

/**
 * One pipeline and model an orchestrator serves: its price (wei per {@code pixelsPerUnit} units),
 * how many requests it can run at once, and whether the model is warm.
 */
public record ModelOffer(
        Capability capability, String modelId, long pricePerUnit, long pixelsPerUnit, int capacity, boolean warm) {

    public ModelOffer {
        Objects.requireNonNull(capability, "capability");
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("modelId must not be blank");
        }
        if (pricePerUnit < 0) {
            throw new IllegalArgumentException("pricePerUnit must not be negative, was " + pricePerUnit);
        }
        if (pixelsPerUnit <= 0) {
            throw new IllegalArgumentException("pixelsPerUnit must be positive, was " + pixelsPerUnit);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
    }

    public static ModelOffer of(Capability capability, String modelId, long pricePerUnit, int capacity) {
        return new ModelOffer(capability, modelId, pricePerUnit, 1, capacity, true);
    }

    /** "pipeline/model", the form discovery uses. */
    public String capabilityName() {
        return capability.pipeline() + "/" + modelId;
    }

    public ModelOffer withPrice(long newPricePerUnit, long newPixelsPerUnit) {
        return new ModelOffer(capability, modelId, newPricePerUnit, newPixelsPerUnit, capacity, warm);
    }

    public ModelOffer withCapacity(int newCapacity) {
        return new ModelOffer(capability, modelId, pricePerUnit, pixelsPerUnit, newCapacity, warm);
    }
}
