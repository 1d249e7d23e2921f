package org.livepeer.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens connections: TCP connect, then for https the TLS handshake, with the engine created for
 * the peer's host and port (so trust managers can tell which server they verify) and HTTPS host
 * name verification requested. Keeps every channel it opened until it closes.
 */
final class Connector {

    static final int MAX_CONTENT_PIECE = 64 * 1024;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final long connectTimeoutMillis;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    Connector(EventLoopGroup group, Class<? extends SocketChannel> channelType, TransportSettings settings) {
        this.group = group;
        this.connectTimeoutMillis = settings.connectTimeout().toMillis();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                // a failed write must not close the channel before an early answer waiting in the
                // socket is read; exchanges close their connection themselves when they fail
                .option(ChannelOption.AUTO_CLOSE, false);
    }

    /** Where timers that belong to no connection run. */
    EventLoopGroup scheduler() {
        return group;
    }

    /**
     * A connection ready for a request; {@code pool} hears of its close exactly once, also when
     * connecting fails.
     */
    CompletableFuture<HttpConnection> connect(PoolKey key, ConnectionPool pool, String target) {
        return connect(key, pool, target, null);
    }

    /** {@link #connect(PoolKey, ConnectionPool, String)} on {@code loop}, or on any loop of the group when null. */
    CompletableFuture<HttpConnection> connect(PoolKey key, ConnectionPool pool, String target, EventLoop loop) {
        CompletableFuture<HttpConnection> result = new CompletableFuture<>();
        AtomicReference<HttpConnection> created = new AtomicReference<>();
        Bootstrap attempt = bootstrap.clone(loop != null ? loop : group).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                HttpConnection connection = new HttpConnection(channel, pool);
                created.set(connection);
                if (key.secure()) {
                    channel.pipeline().addLast("tls", tlsHandler(key, channel));
                }
                channel.pipeline().addLast("http", httpCodec()).addLast("exchange", connection);
            }
        });
        ChannelFuture connecting = attempt.connect(key.host(), key.port());
        Channel channel = connecting.channel();
        channels.add(channel);
        channel.closeFuture().addListener(closed -> {
            channels.remove(channel);
            pool.closed(created.get());
        });
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                channel.close();
                result.completeExceptionally(Failures.connecting(target, connected.cause()));
                return;
            }
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                result.complete(created.get());
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    result.complete(created.get());
                } else {
                    channel.close();
                    result.completeExceptionally(Failures.connecting(target, handshake.cause()));
                }
            });
        });
        return result;
    }

    int openChannels() {
        return channels.size();
    }

    /** Closes every channel and waits (briefly) until they are closed. */
    void closeAll(long timeoutMillis) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel channel : channels) {
            closing.add(channel.close());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ChannelFuture future : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    /**
     * Body pieces of up to 64 KiB (the decoder's default is 8 KiB), so a socket read of a streamed
     * body reaches the reader as one or a few chunks rather than eight or more.
     */
    static HttpClientCodec httpCodec() {
        return new HttpClientCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_CONTENT_PIECE), false, false);
    }

    private SslHandler tlsHandler(PoolKey key, Channel channel) {
        SslHandler handler = key.sslContext().newHandler(channel.alloc(), key.host(), key.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(connectTimeoutMillis);
        return handler;
    }
}
