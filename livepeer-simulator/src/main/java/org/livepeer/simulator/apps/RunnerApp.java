package org.livepeer.simulator.apps;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.simulator.http.SocketTypes;

/**
 * A live runner application for tests, a plain HTTP server on an ephemeral port:
 *
 * <ul>
 *   <li>{@code GET /health}: 200
 *   <li>{@code ANY /echo}: the request as JSON ({@code method, path, query, headers, body})
 *   <li>{@code GET /events?count=N[&interval_ms=M]}: N server-sent events {@code data: {"n":i}}, each
 *       flushed on its own, M ms apart (default 100), then the end of the stream
 *   <li>{@code GET /ws}: WebSocket echo of text and binary frames
 *   <li>{@code POST /channels} with {@code {"names":["events"]}}: creates those trickle channels
 *       through the session callback the orchestrator's headers name, and answers its reply
 *   <li>{@code GET /status/{code}}: that status with a short text body
 * </ul>
 */
public final class RunnerApp implements AutoCloseable {

    static final int MAX_BODY_BYTES = 1 << 20;

    private final String host;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong eventsWritten = new AtomicLong();
    private volatile Channel serverChannel;
    private volatile int port;

    /** An app with its own single-thread event loop, on 127.0.0.1. */
    public RunnerApp() {
        this("127.0.0.1", SocketTypes.newGroup(1, "runner-app"), true);
    }

    /** An app on {@code group}, which the caller owns. */
    public RunnerApp(String host, EventLoopGroup group) {
        this(host, group, false);
    }

    private RunnerApp(String host, EventLoopGroup group, boolean ownGroup) {
        this.host = host;
        this.group = group;
        this.ownGroup = ownGroup;
    }

    public synchronized RunnerApp start() {
        if (serverChannel != null) {
            return this;
        }
        CallbackClient callbacks = new CallbackClient(group);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .checkStartsWith(true)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_BODY_BYTES)
                .build();
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(SocketTypes.serverChannel(group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new WebSocketServerProtocolHandler(ws))
                                .addLast(new WebSocketEcho())
                                .addLast(new RunnerAppRoutes(callbacks, requests, eventsWritten));
                    }
                })
                .bind(host, 0)
                .syncUninterruptibly()
                .channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return this;
    }

    /** {@code http://host:port}, no trailing slash. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return serverChannel != null;
    }

    /** HTTP requests received (WebSocket frames not counted). */
    public long requests() {
        return requests.get();
    }

    /** Server-sent events written so far, over all {@code /events} streams. */
    public long eventsWritten() {
        return eventsWritten.get();
    }

    /** Stops listening and drops every connection; the port is freed. */
    @Override
    public synchronized void close() {
        Channel channel = serverChannel;
        serverChannel = null;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        connections.close().syncUninterruptibly();
        if (ownGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
