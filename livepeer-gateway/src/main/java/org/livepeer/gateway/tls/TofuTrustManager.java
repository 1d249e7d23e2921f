package org.livepeer.gateway.tls;

/** Trust on first use against a {@link TofuTrustStore}: the first certificate a target shows, then only that one. */
public final class TofuTrustManager extends PeerCertificateTrustManager {

    private final TofuTrustStore store;

    public TofuTrustManager(TofuTrustStore store) {
        this.store = store;
    }

    @Override
    void check(byte[] certificate, String host, int port) throws CertificateChangedException {
        store.check(host, port, certificate);
    }
}
