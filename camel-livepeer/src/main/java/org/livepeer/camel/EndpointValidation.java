package org.livepeer.camel;

import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.Pipeline;

/** Checks an endpoint's options when it is created, so a bad route fails when it starts. */
final class EndpointValidation {

    private EndpointValidation() {}

    static void validate(LivepeerEndpoint endpoint) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        Pipeline pipeline = endpoint.pipeline();
        if (config.getModelId() == null || config.getModelId().isBlank()) {
            throw new ConfigurationException(
                    "modelId", "livepeer:" + pipeline.pipelineName() + " needs a model, e.g. ?modelId=…");
        }
        if (!"response".equals(config.getOutputType()) && !"bytes".equals(config.getOutputType())) {
            throw new ConfigurationException(
                    "outputType", "must be 'response' or 'bytes', was '" + config.getOutputType() + "'");
        }
        if (pipeline == Pipeline.LIVE_VIDEO_TO_VIDEO) {
            if (!java.util.Set.of("media", "control", "events").contains(config.getChannel())) {
                throw new ConfigurationException(
                        "channel", "must be media, control or events, was '" + config.getChannel() + "'");
            }
            if (!"bytes".equals(config.getSegmentBody()) && !"stream".equals(config.getSegmentBody())) {
                throw new ConfigurationException(
                        "segmentBody", "must be bytes or stream, was '" + config.getSegmentBody() + "'");
            }
            if (config.getPaymentInterval() <= 0) {
                throw new ConfigurationException(
                        "paymentInterval", "must be positive, was " + config.getPaymentInterval() + " ms");
            }
            LiveOptions.subscribeStart(config.getSubscribeStart());
            LiveOptions.lagPolicy(config.getLagPolicy());
            if (config.getMaxLagSegments() < 0) {
                throw new ConfigurationException(
                        "maxLagSegments", "must not be negative, was " + config.getMaxLagSegments());
            }
            RequestBodies.parseJson("params", config.getParams());
        }
        if (config.isStream() && pipeline != Pipeline.LLM) {
            throw new ConfigurationException("stream", "only the llm pipeline streams its answer");
        }
        if (config.getMaxAttempts() < 1) {
            throw new ConfigurationException("maxAttempts", "must be at least 1, was " + config.getMaxAttempts());
        }
        // builds (and so validates) the network settings: URLs, header lists, token, price
        endpoint.networkSettings().toGatewayConfig(endpoint.getCamelContext());
    }
}
