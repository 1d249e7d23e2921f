package org.livepeer.gateway;

/** The signer refused to pay an orchestrator whose price exceeds a ceiling (HTTP 481): use another one. */
public class PriceExceededException extends SignerException {

    private final String orchestrator;

    public PriceExceededException(String signerUrl, String orchestrator, String message) {
        super(signerUrl, 481, message + " (orchestrator " + orchestrator + ")", null);
        this.orchestrator = orchestrator;
    }

    public String orchestrator() {
        return orchestrator;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
