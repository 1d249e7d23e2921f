package org.livepeer.gateway.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.livepeer.gateway.Pipeline;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PriceInfo;

/** Reads what an {@link OrchestratorInfo} offers: pipelines, models, capacity and prices. */
public final class OrchestratorOffers {

    private OrchestratorOffers() {}

    /** The offer for one pipeline and model (model null: any model the orchestrator has). */
    public static Offer offer(OrchestratorInfo info, Pipeline pipeline, String modelId) {
        Capabilities.CapabilityConstraints perCapability =
                info.getCapabilities().getConstraints().getPerCapabilityMap().get(pipeline.capabilityId());
        Map<String, Capabilities.CapabilityConstraints.ModelConstraint> models =
                perCapability == null ? Map.of() : perCapability.getModelsMap();
        String model = modelId;
        if ((model == null || model.isBlank()) && !models.isEmpty()) {
            model = models.keySet().iterator().next();
        }
        Capabilities.CapabilityConstraints.ModelConstraint constraint = model == null ? null : models.get(model);
        PriceInfo price = price(info, pipeline, model);
        return new Offer(
                pipeline,
                model,
                constraint != null,
                constraint != null && constraint.getWarm(),
                constraint == null ? 0 : constraint.getCapacity(),
                constraint == null ? 0 : constraint.getCapacityInUse(),
                price == null ? 0 : price.getPricePerUnit(),
                price == null ? 0 : price.getPixelsPerUnit());
    }

    /** Every pipeline and model the orchestrator lists. */
    public static List<Offer> all(OrchestratorInfo info) {
        List<Offer> offers = new ArrayList<>();
        for (var entry :
                info.getCapabilities().getConstraints().getPerCapabilityMap().entrySet()) {
            Pipeline pipeline = Pipeline.byCapabilityId(entry.getKey()).orElse(null);
            if (pipeline == null) {
                continue;
            }
            for (String model : entry.getValue().getModelsMap().keySet()) {
                offers.add(offer(info, pipeline, model));
            }
        }
        return offers;
    }

    /**
     * The price for the pipeline and model: its entry in {@code capabilities_prices} when listed,
     * else {@code price_info} (which answers a request for exactly these capabilities).
     */
    private static PriceInfo price(OrchestratorInfo info, Pipeline pipeline, String model) {
        for (PriceInfo price : info.getCapabilitiesPricesList()) {
            if (price.getCapability() == pipeline.capabilityId()
                    && price.getConstraint().equals(model)) {
                return price;
            }
        }
        return info.hasPriceInfo() ? info.getPriceInfo() : null;
    }
}
