package org.livepeer.gateway;

/**
 * An orchestrator failed or refused: unreachable, TLS failure, an RPC or HTTP error. Carries the
 * orchestrator's address and, for HTTP answers, the status code.
 */
public class OrchestratorException extends LivepeerException {

    private final String orchestrator;
    private final int status;
    private final boolean retryable;

    public OrchestratorException(String orchestrator, String message, boolean retryable, Throwable cause) {
        this(orchestrator, 0, message, retryable, cause);
    }

    public OrchestratorException(String orchestrator, int status, String message, boolean retryable, Throwable cause) {
        super(message + " (orchestrator " + orchestrator + ")", cause);
        this.orchestrator = orchestrator;
        this.status = status;
        this.retryable = retryable;
    }

    public String orchestrator() {
        return orchestrator;
    }

    /** The HTTP status the orchestrator answered with, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
