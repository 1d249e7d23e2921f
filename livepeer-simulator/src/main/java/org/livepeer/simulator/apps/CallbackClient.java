package org.livepeer.simulator.apps;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.livepeer.simulator.http.SocketTypes;

/** One-shot JSON POSTs from a runner app to its orchestrator's session callbacks. */
final class CallbackClient {

    /** A whole reply. */
    record Reply(int status, String contentType, byte[] body) {}

    private static final int MAX_REPLY_BYTES = 1 << 20;

    private final EventLoopGroup group;

    CallbackClient(EventLoopGroup group) {
        this.group = group;
    }

    CompletableFuture<Reply> post(String url, Map<String, String> headers, byte[] json) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        new Bootstrap()
                .group(group)
                .channel(SocketTypes.socketChannel(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls) {
                            ch.pipeline().addLast(OutboundTls.context().newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_REPLY_BYTES))
                                .addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                                        reply.complete(new Reply(
                                                msg.status().code(),
                                                msg.headers().get(HttpHeaderNames.CONTENT_TYPE),
                                                ByteBufUtil.getBytes(msg.content())));
                                        ctx.close();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        reply.completeExceptionally(
                                                new IllegalStateException("connection to " + host + " closed"));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        reply.completeExceptionally(cause);
                                        ctx.close();
                                    }
                                });
                    }
                })
                .connect(host, port)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        reply.completeExceptionally(connected.cause());
                        return;
                    }
                    Channel channel = ((io.netty.channel.ChannelFuture) connected).channel();
                    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    DefaultFullHttpRequest request = new DefaultFullHttpRequest(
                            HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(json));
                    request.headers()
                            .set(HttpHeaderNames.HOST, host + ":" + port)
                            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                            .set(HttpHeaderNames.CONTENT_LENGTH, json.length)
                            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    headers.forEach(request.headers()::set);
                    channel.writeAndFlush(request);
                });
        return reply;
    }

    static String text(Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }
}
