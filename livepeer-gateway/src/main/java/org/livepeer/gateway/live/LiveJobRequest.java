package org.livepeer.gateway.live;

import java.util.Map;
import java.util.Objects;

/**
 * What a live video-to-video job runs: the model, its initial parameters, and the ids a gateway
 * passes along ({@code stream_id}, {@code gateway_request_id}).
 */
public record LiveJobRequest(String modelId, Map<String, Object> params, String streamId, String requestId) {

    public LiveJobRequest {
        Objects.requireNonNull(modelId, "modelId");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static LiveJobRequest of(String modelId) {
        return new LiveJobRequest(modelId, Map.of(), null, null);
    }

    public LiveJobRequest withParams(Map<String, Object> values) {
        return new LiveJobRequest(modelId, values, streamId, requestId);
    }

    public LiveJobRequest withIds(String stream, String request) {
        return new LiveJobRequest(modelId, params, stream, request);
    }
}
