package org.livepeer.gateway;

/** A payment could not be made or was refused by the orchestrator. */
public class PaymentException extends LivepeerException {

    private final boolean retryable;

    public PaymentException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
