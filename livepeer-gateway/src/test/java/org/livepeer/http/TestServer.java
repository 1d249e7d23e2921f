package org.livepeer.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;
import org.livepeer.simulator.trickle.TrickleConfig;
import org.livepeer.simulator.trickle.TrickleServer;

/**
 * A simulator HTTP server on an ephemeral port with a trickle server mounted under {@value
 * #TRICKLE}, counting the connections it accepts. {@link #close()} stops all of it.
 */
final class TestServer implements AutoCloseable {

    static final String TRICKLE = "/ai/trickle/";

    final Router router = new Router();
    final CountingGroup group = new CountingGroup();
    final TrickleServer trickle;
    final SimHttpServer http;

    TestServer(boolean tls) {
        this(tls, TrickleConfig.defaults());
    }

    TestServer(boolean tls, TrickleConfig trickleConfig) {
        trickle = new TrickleServer(trickleConfig, group).mount(router, TRICKLE).start();
        http = new SimHttpServer("127.0.0.1", 0, tls, group, router).start();
    }

    String url(String path) {
        return http.baseUrl() + path;
    }

    String trickleUrl(String channelAndSeq) {
        return http.baseUrl() + TRICKLE + channelAndSeq;
    }

    /** TCP connections the server accepted so far. */
    int acceptedConnections() {
        return group.accepted.get();
    }

    @Override
    public void close() {
        trickle.close();
        http.close();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An event loop group that counts the accepted connections registered with it. */
    static final class CountingGroup extends NioEventLoopGroup {
        final AtomicInteger accepted = new AtomicInteger();

        CountingGroup() {
            super(2);
        }

        @Override
        public ChannelFuture register(Channel channel) {
            if (!(channel instanceof ServerSocketChannel)) {
                accepted.incrementAndGet();
            }
            return super.register(channel);
        }
    }
}
