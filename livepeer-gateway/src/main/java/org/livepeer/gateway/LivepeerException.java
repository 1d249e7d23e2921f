package org.livepeer.gateway;

/**
 * The root of every error the gateway raises. Messages name the URL or option involved and the
 * cause; they never contain secrets (signer or discovery header values, tokens).
 */
public class LivepeerException extends RuntimeException {

    public LivepeerException(String message) {
        super(message);
    }

    public LivepeerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again, possibly with another orchestrator, may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
