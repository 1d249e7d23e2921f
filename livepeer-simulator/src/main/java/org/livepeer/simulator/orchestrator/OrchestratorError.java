package org.livepeer.simulator.orchestrator;

/** An error an orchestrator answers with: HTTP status and go-livepeer's message text. */
public final class OrchestratorError extends Exception {

    private final int status;

    public OrchestratorError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
