package org.livepeer.gateway.orchestrator;

import org.livepeer.gateway.Pipeline;
import org.livepeer.proto.Capabilities;

/** Builds the {@link Capabilities} a gateway sends to ask for one pipeline and model. */
public final class CapabilityRequest {

    private CapabilityRequest() {}

    /** {@code capacities[id] = 1} and a constraint naming the model, as go-livepeer gateways send. */
    public static Capabilities of(Pipeline pipeline, String modelId) {
        int id = pipeline.capabilityId();
        long[] bits = new long[id / 64 + 1];
        bits[id / 64] |= 1L << (id % 64);
        Capabilities.Builder caps = Capabilities.newBuilder().putCapacities(id, 1);
        for (long word : bits) {
            caps.addBitstring(word);
        }
        if (modelId != null && !modelId.isBlank()) {
            caps.setConstraints(Capabilities.Constraints.newBuilder()
                    .putPerCapability(
                            id,
                            Capabilities.CapabilityConstraints.newBuilder()
                                    .putModels(
                                            modelId,
                                            Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                    .build()));
        }
        return caps.build();
    }
}
