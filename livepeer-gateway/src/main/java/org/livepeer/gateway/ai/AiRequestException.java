package org.livepeer.gateway.ai;

import org.livepeer.gateway.OrchestratorException;

/**
 * An orchestrator answered a batch request with an error status: names the URL, the status and
 * the orchestrator's own message (its text, trimmed).
 */
public class AiRequestException extends OrchestratorException {

    private final String url;
    private final String orchestratorMessage;

    public AiRequestException(
            String orchestrator, String url, int status, String orchestratorMessage, boolean retryable) {
        super(
                orchestrator,
                status,
                "POST " + url + " answered " + status + ": " + orchestratorMessage,
                retryable,
                null);
        this.url = url;
        this.orchestratorMessage = orchestratorMessage;
    }

    /** The URL the request went to. */
    public String url() {
        return url;
    }

    /** The error text the orchestrator answered with. */
    public String orchestratorMessage() {
        return orchestratorMessage;
    }
}
