package org.livepeer.trickle;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;
import org.livepeer.simulator.trickle.TrickleConfig;
import org.livepeer.simulator.trickle.TrickleServer;

/** The simulator's trickle server on an ephemeral port, plain or TLS; {@link #close()} stops all of it. */
final class TrickleTestServer implements AutoCloseable {

    static final String PREFIX = "/ai/trickle/";

    final NioEventLoopGroup group = new NioEventLoopGroup(2);
    final TrickleServer trickle;
    final SimHttpServer http;

    TrickleTestServer(boolean tls, TrickleConfig config) {
        Router router = new Router();
        trickle = new TrickleServer(config, group).mount(router, PREFIX).start();
        http = new SimHttpServer("127.0.0.1", 0, tls, group, router).start();
    }

    static TrickleTestServer plain() {
        return new TrickleTestServer(false, TrickleConfig.defaults());
    }

    String channelUrl(String name) {
        return http.baseUrl() + PREFIX + name;
    }

    /** A client context trusting exactly this server's self-signed certificate. */
    SslContext clientSslContext() throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(http.certificate().certificate())
                .build();
    }

    @Override
    public void close() {
        trickle.close();
        http.close();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
