package org.livepeer.gateway;

/**
 * An orchestrator's address presents a TLS certificate other than the one pinned on first use,
 * and the gateway could not establish that the same orchestrator stands behind it (it answered as
 * a different orchestrator, or never answered under the old one). Its calls are refused; other
 * orchestrators are tried.
 */
public final class UntrustedCertificateException extends OrchestratorException {

    public UntrustedCertificateException(String orchestrator, String message, Throwable cause) {
        super(orchestrator, message, true, cause);
    }
}
