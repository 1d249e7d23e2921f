package org.livepeer.gateway.tls;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides on the server's own certificate from its DER bytes and the peer's host and port, never
 * parsing it: with Netty's OpenSSL provider the certificates handed in are lazy wrappers whose
 * {@code getEncoded()} returns the bytes as received, so go-livepeer's empty-issuer certificates
 * get here although the JDK cannot parse them. The peer is the host and port the TLS engine was
 * created with (Netty's {@code newHandler(alloc, host, port)}, which grpc-java uses too).
 */
abstract class PeerCertificateTrustManager extends X509ExtendedTrustManager {

    /** Throws when the certificate {@code host:port} presented is not trusted. */
    abstract void check(byte[] certificate, String host, int port) throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (engine == null || engine.getPeerHost() == null || engine.getPeerPort() <= 0) {
            throw new CertificateException("pinning needs the peer host and port of the connection");
        }
        checkLeaf(chain, engine.getPeerHost(), engine.getPeerPort());
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (socket == null || socket.getInetAddress() == null) {
            throw new CertificateException("pinning needs the peer host and port of the connection");
        }
        checkLeaf(chain, socket.getInetAddress().getHostAddress(), socket.getPort());
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("pinning needs the peer host and port of the connection");
    }

    private void checkLeaf(X509Certificate[] chain, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(host + ":" + port + " presented no certificate");
        }
        byte[] encoded;
        try {
            encoded = chain[0].getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateException(host + ":" + port + " presented a certificate without an encoding", e);
        }
        check(encoded, host, port);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
