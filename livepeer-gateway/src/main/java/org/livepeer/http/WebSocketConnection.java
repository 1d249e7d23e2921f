package org.livepeer.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A WebSocket client connection ({@code ws://} or {@code wss://}) on the transport's event loop:
 * opened with {@link #open}, messages go out with {@link #sendText} and {@link #sendBinary} and come
 * in through a {@link WebSocketListener}. Not pooled: each socket has its own connection.
 */
public final class WebSocketConnection implements AutoCloseable {

    private final Channel channel;
    private final String target;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private WebSocketConnection(Channel channel, String target) {
        this.channel = channel;
        this.target = target;
    }

    /**
     * Connects and completes the opening handshake within {@code handshakeTimeout}; the future fails
     * with a {@link TransportException} when the server cannot be reached or refuses the upgrade.
     *
     * @param headers extra headers of the upgrade request (may be null)
     * @param sslContext for {@code wss}: the TLS context (null: the JDK's default trust)
     */
    public static CompletableFuture<WebSocketConnection> open(
            NettyTransport transport,
            URI uri,
            HttpHeaders headers,
            SslContext sslContext,
            Duration handshakeTimeout,
            int maxMessageBytes,
            WebSocketListener listener) {
        boolean secure = "wss".equals(uri.getScheme());
        if (!secure && !"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a ws(s) URL: " + Urls.redacted(uri));
        }
        String target = "WebSocket " + Urls.redacted(uri);
        String host = Urls.host(uri);
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, headers, maxMessageBytes);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .handleCloseFrames(false)
                .handshakeTimeoutMillis(handshakeTimeout.toMillis())
                .build();
        FrameHandler frames = new FrameHandler(listener, result, target);
        long connectMillis = transport.settings().connectTimeout().toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.eventLoopGroup())
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) throws Exception {
                        if (secure) {
                            SslContext tls = sslContext != null
                                    ? sslContext
                                    : io.netty.handler.ssl.SslContextBuilder.forClient()
                                            .build();
                            SslHandler handler = tls.newHandler(channel.alloc(), host, port);
                            SSLEngine engine = handler.engine();
                            SSLParameters parameters = engine.getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS");
                            engine.setSSLParameters(parameters);
                            handler.setHandshakeTimeoutMillis(connectMillis);
                            channel.pipeline().addLast("tls", handler);
                        }
                        channel.pipeline()
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate-http", new HttpObjectAggregator(64 * 1024))
                                .addLast("websocket", new WebSocketClientProtocolHandler(handshaker, config))
                                .addLast("aggregate-frames", new WebSocketFrameAggregator(maxMessageBytes))
                                .addLast("frames", frames);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(host, port);
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                result.completeExceptionally(Failures.connecting(target, connected.cause()));
            }
        });
        return result;
    }

    /** Sends a text message; completes when it is written. */
    public CompletableFuture<Void> sendText(String text) {
        return write(new TextWebSocketFrame(text));
    }

    /** Sends a binary message; completes when it is written. */
    public CompletableFuture<Void> sendBinary(byte[] data) {
        return write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    /** Completes once the connection is closed, by either side. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Sends a normal close frame (1000) and closes the connection; does not wait. */
    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "closed by the client"))
                    .addListener(written -> channel.close());
        } else {
            channel.close();
        }
    }

    private CompletableFuture<Void> write(WebSocketFrame frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!channel.isActive()) {
            frame.release();
            written.completeExceptionally(new TransportException(
                    TransportException.Kind.CONNECTION_CLOSED, target, "the WebSocket is closed"));
            return written;
        }
        channel.writeAndFlush(frame).addListener(done -> {
            if (done.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(
                        new TransportException(TransportException.Kind.CONNECTION_CLOSED, target, null, done.cause()));
            }
        });
        return written;
    }

    /** Completes the handshake future, then hands whole messages to the listener. */
    private static final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final WebSocketListener listener;
        private final CompletableFuture<WebSocketConnection> opened;
        private final String target;
        private final AtomicBoolean ended = new AtomicBoolean();
        private WebSocketConnection connection;
        private int closeCode = 1006;
        private String closeReason = "the connection ended without a close frame";

        FrameHandler(WebSocketListener listener, CompletableFuture<WebSocketConnection> opened, String target) {
            this.listener = listener;
            this.opened = opened;
            this.target = target;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connection = new WebSocketConnection(ctx.channel(), target);
                ctx.channel().closeFuture().addListener(closedFuture -> ended());
                opened.complete(connection);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new TransportException(
                        TransportException.Kind.RESPONSE_TIMEOUT, target, "no WebSocket handshake answer in time"));
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                listener.onText(connection, text.text());
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                listener.onBinary(connection, ByteBufUtil.getBytes(binary.content()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode() == -1 ? 1005 : close.statusCode();
                closeReason = close.reasonText();
                ctx.writeAndFlush(new CloseWebSocketFrame(closeCode == 1005 ? 1000 : closeCode, ""))
                        .addListener(written -> ctx.close());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!opened.isDone()) {
                opened.completeExceptionally(new TransportException(
                        TransportException.Kind.CONNECTION_CLOSED, target, "closed before the WebSocket opened"));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!opened.isDone()) {
                String why = cause instanceof WebSocketHandshakeException ? cause.getMessage() : null;
                opened.completeExceptionally(
                        why != null
                                ? new TransportException(TransportException.Kind.PROTOCOL_ERROR, target, why)
                                : Failures.connecting(target, cause));
            } else if (!ended.get()) {
                listener.onError(connection, cause);
            }
            ctx.close();
        }

        private void ended() {
            if (ended.compareAndSet(false, true)) {
                listener.onClose(connection, closeCode, closeReason);
                connection.closed.complete(null);
            }
        }
    }
}
