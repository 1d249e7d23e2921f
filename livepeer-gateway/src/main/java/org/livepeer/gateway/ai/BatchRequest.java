package org.livepeer.gateway.ai;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.ai.model.AiRequest;

/**
 * A typed pipeline request and how to route it: an optional pinned orchestrator, a price ceiling
 * (wei per unit) and attributes for a custom selection strategy (a tenant id, say).
 */
public record BatchRequest<R>(
        AiRequest<R> body, OrchestratorAddress pinned, BigDecimal maxPricePerUnit, Map<String, String> attributes) {

    public BatchRequest {
        Objects.requireNonNull(body, "body");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static <R> BatchRequest<R> of(AiRequest<R> body) {
        return new BatchRequest<>(body, null, null, Map.of());
    }

    public BatchRequest<R> pinnedTo(OrchestratorAddress orchestrator) {
        return new BatchRequest<>(body, orchestrator, maxPricePerUnit, attributes);
    }

    public BatchRequest<R> withMaxPrice(BigDecimal weiPerUnit) {
        return new BatchRequest<>(body, pinned, weiPerUnit, attributes);
    }

    public BatchRequest<R> withAttributes(Map<String, String> values) {
        return new BatchRequest<>(body, pinned, maxPricePerUnit, values);
    }
}
