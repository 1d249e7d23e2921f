package org.livepeer.gateway.tls;

import java.security.cert.CertificateException;

/**
 * Trusts one certificate, by fingerprint, on one target, without pinning it: the gateway uses it
 * to ask an orchestrator that presents a new certificate who it is before trusting that
 * certificate.
 */
final class ExactCertificateTrustManager extends PeerCertificateTrustManager {

    private final String host;
    private final int port;
    private final String fingerprint;

    ExactCertificateTrustManager(String host, int port, String fingerprint) {
        this.host = host;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    @Override
    void check(byte[] certificate, String peerHost, int peerPort) throws CertificateException {
        String presented = TofuTrustStore.fingerprint(certificate);
        if (!peerHost.equalsIgnoreCase(host) || peerPort != port || !presented.equals(fingerprint)) {
            throw new CertificateChangedException(peerHost, peerPort, fingerprint, presented);
        }
    }
}
