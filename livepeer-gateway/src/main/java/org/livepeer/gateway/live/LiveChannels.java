package org.livepeer.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.livepeer.gateway.OrchestratorException;

/** The four trickle channels of a started job and the manifest id the orchestrator gave it. */
public record LiveChannels(
        String publishUrl,
        String subscribeUrl,
        String controlUrl,
        String eventsUrl,
        String manifestId,
        String requestId) {

    /** Reads the orchestrator's reply to {@code /live-video-to-video}. */
    static LiveChannels parse(String orchestrator, JsonNode reply) {
        String publish = text(reply, "publish_url");
        String subscribe = text(reply, "subscribe_url");
        String manifest = text(reply, "manifest_id");
        if (publish == null || subscribe == null || manifest == null) {
            throw new OrchestratorException(
                    orchestrator,
                    "the /live-video-to-video reply lacks publish_url, subscribe_url or manifest_id",
                    true,
                    null);
        }
        return new LiveChannels(
                publish,
                subscribe,
                text(reply, "control_url"),
                text(reply, "events_url"),
                manifest,
                text(reply, "request_id"));
    }

    private static String text(JsonNode reply, String field) {
        JsonNode value = reply.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
