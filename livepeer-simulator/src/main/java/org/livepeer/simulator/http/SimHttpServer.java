package org.livepeer.simulator.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.livepeer.simulator.tls.SelfSignedCertificate;
import org.livepeer.simulator.tls.ServerTls;

/**
 * A small HTTP/1.1 server (TLS optional) on a shared Netty event loop: routes, streaming bodies
 * both ways, injectable faults. It can be stopped and started again on the same port, optionally
 * with a new certificate, to simulate a restart.
 */
public final class SimHttpServer implements AutoCloseable {

    private final String host;
    private final EventLoopGroup group;
    private final Router router;
    private final Faults faults = new Faults();
    private final boolean tls;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private volatile SelfSignedCertificate certificate;
    private volatile SslContext sslContext;
    private volatile Channel serverChannel;
    private volatile int port;
    private volatile boolean frozen;

    /**
     * @param port 0 for an ephemeral port; after a restart the server keeps the port it had
     * @param tls  serve HTTPS with a freshly generated self-signed certificate
     */
    public SimHttpServer(String host, int port, boolean tls, EventLoopGroup group, Router router) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.group = group;
        this.router = router;
    }

    public synchronized SimHttpServer start() {
        if (serverChannel != null) {
            return this;
        }
        if (tls && sslContext == null) {
            newCertificate();
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(SocketTypes.serverChannel(group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (frozen) {
                            ch.config().setAutoRead(false);
                        }
                        SslContext ssl = sslContext;
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new HttpDispatcher(router, faults));
                    }
                });
        serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return this;
    }

    /** Stops listening and drops every open connection. */
    public synchronized void stop() {
        Channel channel = serverChannel;
        serverChannel = null;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        connections.close().syncUninterruptibly();
    }

    /**
     * Freezes the server like a hung process: connections are still accepted, but nothing more is
     * read from any connection, new or open, so no request gets an answer (and no request body
     * arrives) until {@link #thaw()}.
     */
    public void freeze() {
        frozen = true;
        setAutoRead(false);
    }

    /** Ends {@link #freeze()}: connections are read again. */
    public void thaw() {
        frozen = false;
        setAutoRead(true);
    }

    /**
     * Applies {@code autoRead} on each connection's event loop and waits for it: a socket read that
     * was already under way when a caller froze the server must not still hand a request on after
     * {@link #freeze()} returned.
     */
    private void setAutoRead(boolean autoRead) {
        List<Future<?>> applied = new ArrayList<>();
        for (Channel channel : connections) {
            applied.add(channel.eventLoop().submit(() -> channel.config().setAutoRead(autoRead)));
        }
        for (Future<?> future : applied) {
            if (!future.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a connection's event loop did not apply autoRead=" + autoRead);
            }
        }
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Generates a new certificate for connections made from now on (TLS servers only). */
    public SelfSignedCertificate newCertificate() {
        SelfSignedCertificate fresh = SelfSignedCertificate.generate(host);
        useCertificate(fresh);
        return fresh;
    }

    /** Presents {@code fresh} to connections made from now on (TLS servers only). */
    public synchronized void useCertificate(SelfSignedCertificate fresh) {
        if (!tls) {
            throw new IllegalStateException("plain HTTP server has no certificate");
        }
        sslContext = ServerTls.http(fresh);
        certificate = fresh;
    }

    public boolean isRunning() {
        return serverChannel != null;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** {@code https://host:port} or {@code http://host:port}, no trailing slash. */
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "https://" : "http://") + h + ":" + port;
    }

    public SelfSignedCertificate certificate() {
        return certificate;
    }

    public Faults faults() {
        return faults;
    }

    public Router router() {
        return router;
    }

    @Override
    public void close() {
        stop();
    }
}
