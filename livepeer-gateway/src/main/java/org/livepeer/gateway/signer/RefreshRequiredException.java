package org.livepeer.gateway.signer;

import org.livepeer.gateway.SignerException;

/** HTTP 480: the orchestrator's ticket parameters or auth token expired; fetch fresh orchestrator info and retry. */
public final class RefreshRequiredException extends SignerException {

    private final String orchestratorUrl;

    public RefreshRequiredException(String signerUrl, String orchestratorUrl, String message) {
        super(signerUrl, 480, message, null);
        this.orchestratorUrl = orchestratorUrl;
    }

    /** The orchestrator named by {@code Livepeer-Orchestrator-URL}, or null. */
    public String orchestratorUrl() {
        return orchestratorUrl;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
