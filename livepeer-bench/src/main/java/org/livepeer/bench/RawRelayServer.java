package org.livepeer.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.livepeer.simulator.http.SocketTypes;

/**
 * The raw baseline of the trickle loop: the least an HTTP relay can do on this loopback. A chunked
 * {@code POST /<key>} is relayed chunk by chunk to the {@code GET /<key>} of the same key (whichever
 * comes first waits for the other), with the POST's socket reads paused while the GET's socket is
 * full. No channels, windows, seq numbers or retention. A same-round reference for the loopback,
 * not a limit: its blocking client is slower than a good trickle client on a good server.
 */
final class RawRelayServer implements AutoCloseable {

    private static final int MAX_PENDING_BYTES = 256 * 1024;

    private final ConcurrentMap<String, Relay> relays = new ConcurrentHashMap<>();
    /** Publisher connections paused until the subscriber connection (the key) can take more. */
    private final ConcurrentMap<Channel, Channel> pausedBy = new ConcurrentHashMap<>();

    private final Channel server;

    RawRelayServer(EventLoopGroup boss, EventLoopGroup workers) {
        server = new ServerBootstrap()
                .group(boss, workers)
                .channel(SocketTypes.serverChannel(boss))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Handler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/";
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** One segment: the publisher's and the subscriber's connections and what waits between them. */
    private static final class Relay {
        Channel publisher;
        Channel subscriber;
        final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
        long pendingBytes;
        boolean ended;
    }

    private void resume(Channel subscriber) {
        Channel publisher = pausedBy.remove(subscriber);
        if (publisher != null) {
            publisher.config().setAutoRead(true);
        }
    }

    private Relay relay(String key) {
        return relays.computeIfAbsent(key, k -> new Relay());
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private String publishing;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpRequest request) {
                String key = request.uri();
                if (request.method().equals(HttpMethod.GET)) {
                    subscribe(ctx.channel(), key);
                } else {
                    publishing = key;
                    Relay relay = relay(key);
                    synchronized (relay) {
                        relay.publisher = ctx.channel();
                    }
                }
            }
            if (message instanceof HttpContent content && publishing != null) {
                forward(ctx, publishing, content);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                resume(ctx.channel());
            }
            ctx.fireChannelWritabilityChanged();
        }

        private void subscribe(Channel subscriber, String key) {
            Relay relay = relay(key);
            DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setTransferEncodingChunked(head, true);
            subscriber.write(head);
            synchronized (relay) {
                relay.subscriber = subscriber;
                while (!relay.pending.isEmpty()) {
                    subscriber.write(new DefaultHttpContent(relay.pending.pollFirst()));
                }
                relay.pendingBytes = 0;
                if (relay.publisher != null) {
                    relay.publisher.config().setAutoRead(true);
                }
                if (relay.ended) {
                    subscriber.write(LastHttpContent.EMPTY_LAST_CONTENT);
                    relays.remove(key, relay);
                }
            }
            subscriber.flush();
        }

        private void forward(ChannelHandlerContext ctx, String key, HttpContent content) {
            Relay relay = relay(key);
            boolean last = content instanceof LastHttpContent;
            synchronized (relay) {
                ByteBuf data = content.content();
                if (data.isReadable()) {
                    if (relay.subscriber != null) {
                        relay.subscriber.writeAndFlush(new DefaultHttpContent(data.retain()));
                        if (!relay.subscriber.isWritable()) {
                            ctx.channel().config().setAutoRead(false);
                            pausedBy.put(relay.subscriber, ctx.channel());
                            if (relay.subscriber.isWritable()) {
                                resume(relay.subscriber);
                            }
                        }
                    } else {
                        relay.pending.addLast(data.retain());
                        relay.pendingBytes += data.readableBytes();
                        if (relay.pendingBytes > MAX_PENDING_BYTES) {
                            ctx.channel().config().setAutoRead(false);
                        }
                    }
                }
                if (last) {
                    relay.ended = true;
                    if (relay.subscriber != null) {
                        relay.subscriber.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                        relays.remove(key, relay);
                    }
                }
            }
            if (last) {
                publishing = null;
                DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                ok.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(ok);
            }
        }
    }
}
