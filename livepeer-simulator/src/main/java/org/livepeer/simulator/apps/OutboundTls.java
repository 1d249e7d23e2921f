package org.livepeer.simulator.apps;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The TLS client context of connections inside one simulated node (orchestrator to runner, runner
 * to orchestrator): trusts any certificate, and uses OpenSSL where available because the
 * orchestrator's go-shaped certificate cannot be parsed by the JDK.
 */
final class OutboundTls {

    private static volatile SslContext context;

    private OutboundTls() {}

    static SslContext context() {
        SslContext current = context;
        if (current == null) {
            try {
                current = SslContextBuilder.forClient()
                        .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build the internal TLS client context", e);
            }
            context = current;
        }
        return current;
    }
}
