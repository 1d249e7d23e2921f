package org.livepeer.gateway.tls;

import java.security.cert.CertificateException;

/** A target presented a certificate other than the one pinned on first use (it likely restarted). */
public final class CertificateChangedException extends CertificateException {

    private final String host;
    private final int port;

    public CertificateChangedException(String host, int port) {
        super("the TLS certificate of " + host + ":" + port + " differs from the one trusted on first use");
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
