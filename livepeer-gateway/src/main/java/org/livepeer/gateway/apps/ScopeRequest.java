package org.livepeer.gateway.apps;

import java.util.Map;

/** What a Scope session starts with: its initial parameters and the gateway's request id (optional). */
public record ScopeRequest(Map<String, Object> params, String requestId) {

    /** The model go-livepeer's Scope runs. */
    public static final String MODEL_ID = "scope";

    public ScopeRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static ScopeRequest of(Map<String, Object> params) {
        return new ScopeRequest(params, null);
    }
}
