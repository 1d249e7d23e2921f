package org.livepeer.gateway.selection;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;

/**
 * What a caller needs: a pipeline and model, optionally a price ceiling, a pinned orchestrator,
 * and free-form attributes (a tenant id, say) for custom strategies.
 */
public record SelectionRequest(
        Pipeline pipeline,
        String modelId,
        BigDecimal maxPricePerUnit,
        OrchestratorAddress pinned,
        Map<String, String> attributes) {

    public SelectionRequest {
        Objects.requireNonNull(pipeline, "pipeline");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static SelectionRequest of(Pipeline pipeline, String modelId) {
        return new SelectionRequest(pipeline, modelId, null, null, Map.of());
    }

    public SelectionRequest withMaxPrice(BigDecimal price) {
        return new SelectionRequest(pipeline, modelId, price, pinned, attributes);
    }

    public SelectionRequest pinnedTo(OrchestratorAddress address) {
        return new SelectionRequest(pipeline, modelId, maxPricePerUnit, address, attributes);
    }

    public SelectionRequest withAttributes(Map<String, String> values) {
        return new SelectionRequest(pipeline, modelId, maxPricePerUnit, pinned, values);
    }

    /** "pipeline/model", as discovery filters and messages write it. */
    public String describe() {
        return pipeline.pipelineName() + (modelId == null || modelId.isBlank() ? "" : "/" + modelId);
    }
}
