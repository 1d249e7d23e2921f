package org.livepeer.gateway.tls;

import java.security.cert.CertificateException;

/**
 * A target presented a certificate other than the one pinned on first use: it restarted (and made
 * a new one) or something else answers on its address. The handshake is refused either way; see
 * {@link TofuTrustStore} for how a new certificate can come to be trusted.
 */
public final class CertificateChangedException extends CertificateException {

    private final String host;
    private final int port;
    private final String pinnedFingerprint;
    private final String presentedFingerprint;

    public CertificateChangedException(String host, int port, String pinnedFingerprint, String presentedFingerprint) {
        super("the TLS certificate of " + host + ":" + port + " (sha256 "
                + TofuTrustStore.abbreviate(presentedFingerprint)
                + ") differs from the one trusted on first use (sha256 "
                + TofuTrustStore.abbreviate(pinnedFingerprint) + ")");
        this.host = host;
        this.port = port;
        this.pinnedFingerprint = pinnedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** SHA-256 (hex) of the certificate pinned for the target. */
    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    /** SHA-256 (hex) of the certificate the target presented instead. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
