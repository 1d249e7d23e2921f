package org.livepeer.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its response. Responses are either whole ({@code respond*}) or streamed
 * ({@link #startStream}, {@link #writeChunk}, {@link #endStream}); every method may be called from
 * any thread. An injected fault may cut the response after a number of body bytes.
 */
public final class HttpCall {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final HttpRequest request;
    private final QueryStringDecoder uri;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean responded = new AtomicBoolean();
    private volatile boolean finished;
    private volatile long responseBytesLeft = Long.MAX_VALUE;
    private final Runnable onFinished;

    HttpCall(Channel channel, HttpRequest request, Runnable onFinished) {
        this.channel = channel;
        this.request = request;
        this.uri = new QueryStringDecoder(request.uri());
        this.onFinished = onFinished;
    }

    public String method() {
        return request.method().name();
    }

    /** The request target as sent (raw path and query), for forwarding it unchanged. */
    public String rawUri() {
        return request.uri();
    }

    /** The raw query string after {@code ?}, or "" when there is none. */
    public String rawQuery() {
        int question = request.uri().indexOf('?');
        return question < 0 ? "" : request.uri().substring(question + 1);
    }

    /** The decoded path, without the query. */
    public String path() {
        return uri.path();
    }

    public String query(String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> queryAll(String name) {
        return uri.parameters().getOrDefault(name, List.of());
    }

    public HttpHeaders headers() {
        return request.headers();
    }

    public String header(CharSequence name) {
        return request.headers().get(name);
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** The event loop of this connection, for timers that belong to the call. */
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    /** The event loop of this connection, e.g. to open an outbound connection on the same thread. */
    public io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /**
     * Stops (false) or resumes (true) reading this connection, e.g. while a proxied request body
     * waits for a slow upstream.
     */
    public void setReading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    public boolean isResponded() {
        return responded.get();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Runs {@code listener} once when the connection closes (client gone, or server stopped). */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (!channel.isActive()) {
            fireClosed();
        }
    }

    public void respond(HttpResponseStatus status, String contentType, byte[] body, HttpHeaders extraHeaders) {
        if (!responded.compareAndSet(false, true)) {
            return;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (extraHeaders != null) {
            head.headers().add(extraHeaders);
        }
        if (contentType != null) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setContentLength(head, body.length);
        channel.write(head);
        writeBody(Unpooled.wrappedBuffer(body), true);
    }

    public void respondText(HttpResponseStatus status, String text) {
        respond(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    public void respondJson(HttpResponseStatus status, Object value) {
        respondJson(status, value, null);
    }

    public void respondJson(HttpResponseStatus status, Object value, HttpHeaders extraHeaders) {
        try {
            respond(status, "application/json", JSON.writeValueAsBytes(value), extraHeaders);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise response", e);
        }
    }

    /** Answers with no body. */
    public void respondEmpty(HttpResponseStatus status, HttpHeaders extraHeaders) {
        respond(status, null, new byte[0], extraHeaders);
    }

    /** Sends an interim {@code 100 Continue}; go-livepeer's trickle server uses it as a keepalive. */
    public void sendContinue() {
        if (!responded.get()) {
            channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    /** Starts a chunked response; follow with {@link #writeChunk} and {@link #endStream}. */
    public boolean startStream(HttpResponseStatus status, String contentType, HttpHeaders extraHeaders) {
        if (!responded.compareAndSet(false, true)) {
            return false;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (extraHeaders != null) {
            head.headers().add(extraHeaders);
        }
        if (contentType != null) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.writeAndFlush(head);
        return true;
    }

    /**
     * Starts a response whose framing the caller decides through {@code headers} (e.g. a proxied
     * {@code Content-Length}, or {@code Transfer-Encoding: chunked}); follow with {@link #writeChunk}
     * and {@link #endStream}.
     */
    public boolean startResponse(HttpResponseStatus status, HttpHeaders headers) {
        if (!responded.compareAndSet(false, true)) {
            return false;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().add(headers);
        channel.writeAndFlush(head);
        return true;
    }

    /**
     * Answers {@code 101 Switching Protocols} with {@code headers}, then hands the connection's raw
     * bytes to {@code handler}: the HTTP codec and the dispatcher leave the pipeline. Runs on the
     * connection's event loop.
     */
    public void switchProtocols(HttpHeaders headers, io.netty.channel.ChannelHandler handler) {
        if (!responded.compareAndSet(false, true)) {
            return;
        }
        channel.eventLoop().execute(() -> {
            DefaultFullHttpResponse head =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            head.headers().add(headers);
            finished = true;
            channel.writeAndFlush(head);
            io.netty.channel.ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast(handler);
            removeIfPresent(pipeline, io.netty.handler.codec.http.HttpServerExpectContinueHandler.class);
            removeIfPresent(pipeline, HttpDispatcher.class);
            removeIfPresent(pipeline, io.netty.handler.codec.http.HttpServerCodec.class);
        });
    }

    private static void removeIfPresent(
            io.netty.channel.ChannelPipeline pipeline, Class<? extends io.netty.channel.ChannelHandler> type) {
        if (pipeline.get(type) != null) {
            pipeline.remove(type);
        }
    }

    /** Writes part of a streamed body; takes ownership of {@code chunk}. */
    public ChannelFuture writeChunk(ByteBuf chunk) {
        return writeBody(chunk, false);
    }

    public void endStream() {
        if (finished) {
            return;
        }
        finished = true;
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> onFinished.run());
    }

    /** Drops the connection at once, whatever was sent. */
    public void abort() {
        finished = true;
        channel.close();
    }

    /** Fault injection: close the connection once this many response body bytes were sent. */
    void truncateResponseAfter(long bytes) {
        this.responseBytesLeft = bytes;
    }

    Channel channel() {
        return channel;
    }

    void fireClosed() {
        for (Runnable listener : closeListeners) {
            if (closeListeners.remove(listener)) {
                listener.run();
            }
        }
    }

    private synchronized ChannelFuture writeBody(ByteBuf body, boolean last) {
        if (finished) {
            body.release();
            return channel.newSucceededFuture();
        }
        long left = responseBytesLeft;
        if (body.readableBytes() >= left && left != Long.MAX_VALUE) {
            ByteBuf part = body.readRetainedSlice((int) left);
            body.release();
            finished = true;
            ChannelFuture future = channel.writeAndFlush(new DefaultHttpContent(part));
            future.addListener(ChannelFutureListener.CLOSE);
            return future;
        }
        if (left != Long.MAX_VALUE) {
            responseBytesLeft = left - body.readableBytes();
        }
        if (last) {
            finished = true;
            return channel.writeAndFlush(new DefaultLastHttpContent(body)).addListener(f -> onFinished.run());
        }
        return channel.writeAndFlush(new DefaultHttpContent(body));
    }
}
