package org.livepeer.simulator.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Server TLS contexts for a certificate. A go-shaped certificate is served with Netty's OpenSSL
 * provider (BoringSSL from netty-tcnative), which sends the DER bytes as they are; the JDK
 * provider cannot hand out a certificate whose issuer is empty.
 */
public final class ServerTls {

    private ServerTls() {}

    /** For HTTPS (HTTP/1.1). */
    public static SslContext http(SelfSignedCertificate certificate) {
        try {
            return builder(certificate).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the HTTPS server context", e);
        }
    }

    /** For gRPC (HTTP/2, ALPN {@code h2}). */
    public static SslContext grpc(SelfSignedCertificate certificate) {
        try {
            return GrpcSslContexts.configure(builder(certificate), provider(certificate))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the gRPC server context", e);
        }
    }

    private static SslContextBuilder builder(SelfSignedCertificate certificate) {
        return SslContextBuilder.forServer(certificate.privateKey(), certificate.certificate())
                .sslProvider(provider(certificate));
    }

    private static SslProvider provider(SelfSignedCertificate certificate) {
        if (OpenSsl.isAvailable()) {
            return SslProvider.OPENSSL;
        }
        if (certificate.isGoShaped()) {
            throw new IllegalStateException(
                    "serving a go-shaped certificate needs netty-tcnative (OpenSSL), unavailable here: "
                            + OpenSsl.unavailabilityCause());
        }
        return SslProvider.JDK;
    }
}
