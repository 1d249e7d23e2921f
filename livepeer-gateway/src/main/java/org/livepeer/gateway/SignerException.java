package org.livepeer.gateway;

/**
 * The remote signer refused or failed: the HTTP status (0 when it could not be reached), the
 * signer URL and its error message. Signer headers are never part of the message.
 */
public class SignerException extends LivepeerException {

    private final String signerUrl;
    private final int status;

    public SignerException(String signerUrl, int status, String message, Throwable cause) {
        super("remote signer " + signerUrl + (status > 0 ? " answered " + status : " failed") + ": " + message, cause);
        this.signerUrl = signerUrl;
        this.status = status;
    }

    /** For subtypes whose message is not the signer's answer (e.g. a refusal before the signer is asked). */
    protected SignerException(String message, String signerUrl, int status, Throwable cause) {
        super(message, cause);
        this.signerUrl = signerUrl;
        this.status = status;
    }

    public String signerUrl() {
        return signerUrl;
    }

    /** The HTTP status, or 0 when the signer could not be reached. */
    public int status() {
        return status;
    }

    @Override
    public boolean isRetryable() {
        return status == 0 || status >= 500;
    }
}
