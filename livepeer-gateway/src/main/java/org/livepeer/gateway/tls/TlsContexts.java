package org.livepeer.gateway.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/** The TLS contexts of the gateway: trust on first use for orchestrators, system trust otherwise. */
public final class TlsContexts {

    private TlsContexts() {}

    /** For orchestrator HTTPS (the transcoder URL). */
    public static SslContext tofuHttp(TofuTrustStore store) {
        try {
            return SslContextBuilder.forClient()
                    .trustManager(new TofuTrustManager(store))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the orchestrator TLS context", e);
        }
    }

    /** For orchestrator gRPC (HTTP/2 with ALPN). */
    public static SslContext tofuGrpc(TofuTrustStore store) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(new TofuTrustManager(store)))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the orchestrator gRPC TLS context", e);
        }
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
