package org.livepeer.gateway.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS contexts of the gateway: pinned on first use for orchestrators, system trust otherwise.
 *
 * <p>Orchestrator contexts use Netty's OpenSSL provider (BoringSSL from netty-tcnative): it hands
 * the trust manager the certificate bytes without parsing them, so go-livepeer's certificates,
 * whose empty issuer the JDK refuses, can be pinned. Where netty-tcnative has no native library
 * for the platform, the JDK provider is used and such orchestrators cannot be reached; a warning
 * says so once.
 */
public final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    private static volatile boolean warned;

    private TlsContexts() {}

    /** For orchestrator HTTPS (the transcoder URL). */
    public static SslContext tofuHttp(TofuTrustStore store) {
        return http(new TofuTrustManager(store), "orchestrator");
    }

    /** For orchestrator gRPC (HTTP/2 with ALPN). */
    public static SslContext tofuGrpc(TofuTrustStore store) {
        return grpc(new TofuTrustManager(store));
    }

    /** For orchestrator gRPC, trusting only the certificate with {@code fingerprint} on {@code host:port}. */
    public static SslContext exactGrpc(String host, int port, String fingerprint) {
        return grpc(new ExactCertificateTrustManager(host, port, fingerprint));
    }

    /** Whether orchestrator contexts use OpenSSL, and so can reach go-livepeer's certificates. */
    public static boolean readsGoLivepeerCertificates() {
        return OpenSsl.isAvailable();
    }

    private static SslContext http(TrustManager trust, String what) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(provider())
                    .trustManager(trust)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the " + what + " TLS context", e);
        }
    }

    private static SslContext grpc(TrustManager trust) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(trust), provider())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the orchestrator gRPC TLS context", e);
        }
    }

    private static SslProvider provider() {
        if (OpenSsl.isAvailable()) {
            return SslProvider.OPENSSL;
        }
        if (!warned) {
            warned = true;
            LOG.warn(
                    "netty-tcnative (OpenSSL) is unavailable here ({}); orchestrators presenting go-livepeer's"
                            + " certificates (empty issuer) cannot be reached with the JDK's TLS",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return SslProvider.JDK;
    }

    /** The JDK's default trust store, with host name verification. */
    public static SslContext system() {
        try {
            return SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the default TLS context", e);
        }
    }
}
