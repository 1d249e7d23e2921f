package org.livepeer.gateway;

/** An orchestrator discovery endpoint failed or answered something unusable. */
public class DiscoveryException extends LivepeerException {

    private final String url;

    public DiscoveryException(String url, String message, Throwable cause) {
        super("orchestrator discovery " + url + ": " + message, cause);
        this.url = url;
    }

    public String url() {
        return url;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
