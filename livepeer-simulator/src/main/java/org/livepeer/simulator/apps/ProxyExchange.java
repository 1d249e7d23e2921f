package org.livepeer.simulator.apps;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.SocketTypes;

/**
 * One request proxied to a runner app, as go's {@code httputil.ReverseProxy} does it: method,
 * query, headers and body forwarded as they arrive, the response relayed chunk by chunk (one
 * chunk in flight, so a slow client slows the app down), a {@code 101} switching both connections
 * to raw byte copying (WebSocket). Everything runs on the client connection's event loop.
 */
final class ProxyExchange extends ChannelInboundHandlerAdapter implements BodyConsumer {

    /** Hop-by-hop headers, never forwarded (RFC 9110 section 7.6.1, as go's proxy lists them). */
    private static final List<String> HOP_BY_HOP = List.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private final HttpCall call;
    private final URI target;
    private final String targetPath;
    private final Map<String, String> injected;
    private final Runnable onDone;
    private final AtomicBoolean done = new AtomicBoolean();
    private final boolean upgrade;
    private final boolean head;

    private Channel upstream;
    private final ArrayDeque<Object> pendingBody = new ArrayDeque<>();
    private boolean responseStarted;
    private boolean writeInFlight;
    private boolean switching;
    private Channel switchedDownstream;
    private final ArrayDeque<ByteBuf> pendingRaw = new ArrayDeque<>();

    /**
     * @param targetPath the path (and query) to request from the app
     * @param onDone     runs once when the exchange is over, however it ends
     */
    ProxyExchange(HttpCall call, URI target, String targetPath, Map<String, String> injected, Runnable onDone) {
        this.call = call;
        this.target = target;
        this.targetPath = targetPath;
        this.injected = injected;
        this.onDone = onDone;
        this.upgrade = isUpgrade(call.headers());
        this.head = HttpMethod.HEAD.name().equals(call.method());
    }

    /** Connects to the app and sends the request head; the body follows through {@link BodyConsumer}. */
    BodyConsumer start() {
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        String host = target.getHost();
        int port = target.getPort() > 0 ? target.getPort() : (tls ? 443 : 80);
        call.onClose(this::clientGone);
        ProxyExchange exchange = this;
        ChannelFuture connecting = new Bootstrap()
                .group(call.eventLoop())
                .channel(SocketTypes.socketChannel(call.eventLoop()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls) {
                            ch.pipeline().addLast(OutboundTls.context().newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast(new HttpClientCodec()).addLast(exchange);
                    }
                })
                .connect(host, port);
        upstream = connecting.channel();
        // hold the client's body back until there is somewhere to send it
        call.setReading(false);
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                failBeforeResponse("dial tcp " + host + ":" + port + ": "
                        + connected.cause().getMessage());
                return;
            }
            upstream.write(requestHead(host, port));
            while (!pendingBody.isEmpty()) {
                upstream.write(pendingBody.poll());
            }
            upstream.flush();
            upstream.read();
            call.setReading(true);
        });
        return this;
    }

    private HttpRequest requestHead(String host, int port) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : call.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (call.headers().containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (upgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            headers.set(HttpHeaderNames.UPGRADE, call.header(HttpHeaderNames.UPGRADE));
        }
        boolean defaultPort = target.getPort() < 0;
        headers.set(HttpHeaderNames.HOST, defaultPort ? host : host + ":" + port);
        injected.forEach(headers::set);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(call.method()), targetPath, headers);
    }

    // --- request body, from the client ---

    @Override
    public void onChunk(ByteBuf chunk) {
        send(new DefaultHttpContent(chunk.retain()));
    }

    @Override
    public void onEnd() {
        send(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Override
    public void onAbort() {
        clientGone();
    }

    private void send(Object content) {
        if (upstream != null && upstream.isActive()) {
            upstream.writeAndFlush(content);
            if (!upstream.isWritable()) {
                // the app reads slower than the client sends: stop reading the client until it catches up
                call.setReading(false);
            }
        } else if (upstream == null || upstream.isOpen()) {
            pendingBody.add(content);
        } else {
            ReferenceCountUtil.release(content);
        }
    }

    // --- response, from the app ---

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (switching) {
            relayRaw(msg);
            return;
        }
        try {
            if (msg instanceof HttpResponse response) {
                onResponseHead(response);
            }
            if (msg instanceof HttpContent content && !switching) {
                onResponseContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpResponse response) {
        responseStarted = true;
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : response.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (upgrade && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            switching = true;
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            headers.set(HttpHeaderNames.UPGRADE, response.headers().get(HttpHeaderNames.UPGRADE, "websocket"));
            call.switchProtocols(headers, new RawRelay(upstream, this::switched));
            return;
        }
        boolean bodiless = head
                || response.status().code() == 204
                || response.status().code() == 304
                || response.status().code() < 200;
        if (!bodiless && !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        call.startResponse(response.status(), headers);
    }

    private void onResponseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.content().isReadable()) {
            ChannelFuture written = call.writeChunk(content.content().retain());
            if (!last) {
                writeInFlight = true;
                written.addListener(f -> {
                    writeInFlight = false;
                    upstream.read();
                });
            }
        }
        if (last) {
            call.endStream();
            upstream.close();
            finish();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            call.setReading(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // one chunk in flight towards the client: read on once it is written
        if (!switching && !writeInFlight && !done.get()) {
            ctx.read();
        }
    }

    /** The client connection now copies raw bytes to the app: copy the app's bytes back. */
    private void switched(Channel downstream) {
        switchedDownstream = downstream;
        downstream.closeFuture().addListener(f -> upstream.close());
        ChannelHandlerContext codec = upstream.pipeline().context(HttpClientCodec.class);
        if (codec != null) {
            upstream.pipeline().remove(HttpClientCodec.class);
        }
        while (!pendingRaw.isEmpty()) {
            downstream.writeAndFlush(pendingRaw.poll());
        }
        upstream.config().setAutoRead(true);
    }

    private void relayRaw(Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (switchedDownstream == null) {
            pendingRaw.add(bytes);
        } else {
            switchedDownstream.writeAndFlush(bytes);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (switchedDownstream != null) {
            switchedDownstream
                    .writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (!responseStarted) {
            failBeforeResponse("the runner closed the connection before answering");
        } else if (!switching && !done.get()) {
            call.abort();
        }
        releasePending();
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!responseStarted) {
            failBeforeResponse(cause.getMessage());
        }
        ctx.close();
    }

    private void failBeforeResponse(String reason) {
        releasePending();
        call.respondText(HttpResponseStatus.BAD_GATEWAY, reason);
        finish();
    }

    private void clientGone() {
        if (switchedDownstream == null && upstream != null) {
            upstream.close();
        }
        releasePending();
        finish();
    }

    private void releasePending() {
        while (!pendingBody.isEmpty()) {
            ReferenceCountUtil.release(pendingBody.poll());
        }
        while (!pendingRaw.isEmpty()) {
            pendingRaw.poll().release();
        }
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            call.setReading(true);
            onDone.run();
        }
    }

    static boolean isUpgrade(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }
}
