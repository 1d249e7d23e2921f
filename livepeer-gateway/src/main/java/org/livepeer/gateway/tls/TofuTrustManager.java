package org.livepeer.gateway.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust on first use: accepts the certificate a target presents the first time, then only that
 * one. The target is the peer host and port of the TLS engine, so engines must be created with
 * them (Netty's {@code newHandler(alloc, host, port)}, which grpc-java does).
 */
public final class TofuTrustManager extends X509ExtendedTrustManager {

    private final TofuTrustStore store;

    public TofuTrustManager(TofuTrustStore store) {
        this.store = store;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (engine == null || engine.getPeerHost() == null || engine.getPeerPort() <= 0) {
            throw new CertificateException("trust on first use needs the peer host and port of the connection");
        }
        check(chain, engine.getPeerHost(), engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (socket == null || socket.getInetAddress() == null) {
            throw new CertificateException("trust on first use needs the peer host and port of the connection");
        }
        check(chain, socket.getInetAddress().getHostAddress(), socket.getPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("trust on first use needs the peer host and port of the connection");
    }

    private void check(X509Certificate[] chain, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(host + ":" + port + " presented no certificate");
        }
        X509Certificate pinned = store.pinIfAbsent(host, port, chain[0]);
        if (!pinned.equals(chain[0])) {
            throw new CertificateChangedException(host, port);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
