package org.livepeer.camel;

import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.Pipeline;

/**
 * Checks an endpoint's options when its producer or consumer starts, so a bad route fails when it
 * starts (or, with {@code lazyStartProducer}, on its first exchange). Messages name the option and
 * never a secret's value.
 */
final class EndpointValidation {

    private EndpointValidation() {}

    static void validate(LivepeerEndpoint endpoint) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        Pipeline pipeline = endpoint.pipeline();
        // a batch request may name its model in the CamelLivepeerModelId header; a live session starts
        // with the route, before any exchange could
        if (pipeline == Pipeline.LIVE_VIDEO_TO_VIDEO && isBlank(config.getModelId())) {
            throw new ConfigurationException(
                    "modelId", "livepeer:" + pipeline.pipelineName() + " needs a model, e.g. ?modelId=…");
        }
        if (pipeline == Pipeline.LIVE_VIDEO_TO_VIDEO) {
            if (config.getPaymentInterval() <= 0) {
                throw new ConfigurationException(
                        "paymentInterval", "must be positive, was " + config.getPaymentInterval() + " ms");
            }
            LivepeerComponent.liveJobSettings(config);
            RequestBodies.parseJson("params", config.getParams());
        }
        if (config.isStream() && pipeline != Pipeline.LLM) {
            throw new ConfigurationException("stream", "only the llm pipeline streams its answer");
        }
        if (config.getMaxAttempts() < 1) {
            throw new ConfigurationException("maxAttempts", "must be at least 1, was " + config.getMaxAttempts());
        }
        RequestBodies.parseJson("fields", config.getFields());
        // builds (and so validates) the network settings: URLs, header lists, token, price
        GatewayConfig network = endpoint.networkSettings().toGatewayConfig(endpoint.getCamelContext());
        if (network.orchestrators().isEmpty()
                && network.discoveryUrl() == null
                && network.signerUrls().isEmpty()) {
            throw new ConfigurationException(
                    "orchestrators",
                    "livepeer:" + pipeline.pipelineName() + " has no network to use: set orchestrators,"
                            + " discoveryUrl, signerUrl or token on the endpoint or on the component"
                            + " (camel.component.livepeer.*)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
