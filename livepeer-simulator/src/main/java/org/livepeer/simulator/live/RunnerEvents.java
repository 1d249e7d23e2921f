package org.livepeer.simulator.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.livepeer.simulator.trickle.LocalPublisher;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner's events channel: one JSON event per segment, each carrying the session's identity
 * fields ({@code manifest_id}, {@code request_id}, {@code stream_id}), a {@code type} and a
 * {@code timestamp}.
 */
public final class RunnerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrickleChannel channel;
    private final LocalPublisher publisher;
    private final String manifestId;
    private final String requestId;
    private final String streamId;

    /** {@code streamId} may be null: Scope sessions have none. */
    public RunnerEvents(TrickleChannel channel, String manifestId, String requestId, String streamId) {
        this.channel = channel;
        this.publisher = channel.publisher();
        this.manifestId = manifestId;
        this.requestId = requestId;
        this.streamId = streamId;
    }

    /** A new event of {@code type}, not yet published. */
    public ObjectNode event(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("manifest_id", manifestId);
        node.put("request_id", requestId);
        if (streamId != null) {
            node.put("stream_id", streamId);
        }
        node.put("timestamp", System.currentTimeMillis());
        return node;
    }

    /** Publishes {@code event} as the next segment, unless the channel is closed. */
    public void publish(ObjectNode event) {
        try {
            synchronized (publisher) {
                if (!channel.isClosed()) {
                    publisher.writeSegment(JSON.writeValueAsBytes(event));
                }
            }
        } catch (Exception e) {
            LOG.debug("{}: event not published: {}", channel.name(), e.toString());
        }
    }

    /** Reports control parameters the runner took, as a {@code params_update} event. */
    public void paramsUpdate(JsonNode params) {
        ObjectNode update = event("params_update");
        update.set("params", params);
        publish(update);
    }

    /** Reports a problem with the session's input, as an {@code error} event. */
    public void error(String message) {
        ObjectNode error = event("error");
        error.put("message", message);
        publish(error);
    }
}
