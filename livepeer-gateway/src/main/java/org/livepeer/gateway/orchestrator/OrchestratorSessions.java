package org.livepeer.gateway.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;

/** The sessions of one gateway, one per orchestrator, pipeline and model, so cached info is shared. */
public final class OrchestratorSessions {

    private record Key(OrchestratorAddress address, Pipeline pipeline, String modelId) {}

    private final Map<Key, OrchestratorSession> sessions = new ConcurrentHashMap<>();
    private final OrchestratorRpc rpc;
    private final SenderCredentials.Source credentials;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;

    public OrchestratorSessions(
            OrchestratorRpc rpc, SenderCredentials.Source credentials, Duration timeout, Duration maxAge, Clock clock) {
        this.rpc = rpc;
        this.credentials = credentials;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public OrchestratorSession get(OrchestratorAddress address, Pipeline pipeline, String modelId) {
        String model = modelId == null ? "" : modelId;
        return sessions.computeIfAbsent(
                new Key(address, pipeline, model),
                k -> new OrchestratorSession(address, pipeline, modelId, rpc, credentials, timeout, maxAge, clock));
    }
}
