package org.livepeer.gateway;

/**
 * What {@link LivepeerGateway#health} found: the orchestrator that would serve (null when none
 * would, with the reason, or when no model was given to check) and the signer's problem (null when
 * it answered or there is no signer).
 */
public record GatewayHealth(OrchestratorAddress orchestrator, String orchestratorProblem, String signerProblem) {

    public boolean isHealthy() {
        return orchestratorProblem == null && signerProblem == null;
    }

    GatewayHealth withSignerProblem(String problem) {
        return new GatewayHealth(orchestrator, orchestratorProblem, problem);
    }
}
