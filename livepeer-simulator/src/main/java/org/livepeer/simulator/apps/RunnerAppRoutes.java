package org.livepeer.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The HTTP routes of {@link RunnerApp}. */
final class RunnerAppRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String CONTROL_HEADER = "Livepeer-Session-Control";
    static final String TOKEN_HEADER = "Livepeer-Session-Token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallbackClient callbacks;
    private final AtomicLong requests;
    private final AtomicLong eventsWritten;

    RunnerAppRoutes(CallbackClient callbacks, AtomicLong requests, AtomicLong eventsWritten) {
        this.callbacks = callbacks;
        this.requests = requests;
        this.eventsWritten = eventsWritten;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        requests.incrementAndGet();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals("/health")) {
            text(ctx, keepAlive, HttpResponseStatus.OK, "ok");
        } else if (path.equals("/echo")) {
            json(ctx, keepAlive, HttpResponseStatus.OK, echo(request, uri));
        } else if (path.equals("/events") && request.method().name().equals("GET")) {
            events(ctx, keepAlive, uri);
        } else if (path.equals("/channels") && request.method().name().equals("POST")) {
            channels(ctx, keepAlive, request);
        } else if (path.startsWith("/status/")) {
            status(ctx, keepAlive, path.substring("/status/".length()));
        } else {
            text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no route " + path);
        }
    }

    private static ObjectNode echo(FullHttpRequest request, QueryStringDecoder uri) {
        ObjectNode out = JSON.createObjectNode();
        out.put("method", request.method().name());
        out.put("path", uri.rawPath());
        out.put("query", uri.rawQuery());
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue(), (a, b) -> a + "," + b);
        }
        ObjectNode headerNode = out.putObject("headers");
        headers.forEach(headerNode::put);
        out.put("body", request.content().toString(StandardCharsets.UTF_8));
        return out;
    }

    private void events(ChannelHandlerContext ctx, boolean keepAlive, QueryStringDecoder uri) {
        int count = intParam(uri, "count", 3);
        long interval = intParam(uri, "interval_ms", 100);
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(head);
        writeEvent(ctx, keepAlive, 0, count, interval);
    }

    private void writeEvent(ChannelHandlerContext ctx, boolean keepAlive, int n, int count, long interval) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (n >= count) {
            var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        byte[] event = ("data: {\"n\":" + n + "}\n\n").getBytes(StandardCharsets.UTF_8);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
        eventsWritten.incrementAndGet();
        ctx.executor()
                .schedule(() -> writeEvent(ctx, keepAlive, n + 1, count, interval), interval, TimeUnit.MILLISECONDS);
    }

    private void channels(ChannelHandlerContext ctx, boolean keepAlive, FullHttpRequest request) {
        String control = request.headers().get(CONTROL_HEADER);
        String token = request.headers().get(TOKEN_HEADER);
        if (control == null || token == null) {
            text(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "missing " + CONTROL_HEADER + " or " + TOKEN_HEADER);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode channels = body.putArray("channels");
        try {
            JsonNode names = JSON.readTree(request.content().toString(StandardCharsets.UTF_8))
                    .path("names");
            for (JsonNode name : names) {
                channels.addObject().put("name", name.asText()).put("mime_type", "application/json");
            }
        } catch (Exception e) {
            text(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "body must be {\"names\":[...]}: " + e.getMessage());
            return;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        callbacks.post(control + "/channels", Map.of(TOKEN_HEADER, token), json).whenComplete((reply, error) -> {
            if (error != null) {
                text(ctx, keepAlive, HttpResponseStatus.BAD_GATEWAY, "session callback failed: " + error);
                return;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()),
                    Unpooled.wrappedBuffer(reply.body()));
            response.headers()
                    .set(
                            HttpHeaderNames.CONTENT_TYPE,
                            reply.contentType() == null ? "application/octet-stream" : reply.contentType());
            send(ctx, keepAlive, response);
        });
    }

    private static void status(ChannelHandlerContext ctx, boolean keepAlive, String code) {
        int status;
        try {
            status = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            status = 0;
        }
        if (status < 200 || status > 599) {
            text(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "status must be 200 to 599, was " + code);
            return;
        }
        text(ctx, keepAlive, HttpResponseStatus.valueOf(status), "status " + status);
    }

    private static int intParam(QueryStringDecoder uri, String name, int fallback) {
        var values = uri.parameters().get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(values.get(0)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, JsonNode value)
            throws Exception {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(JSON.writeValueAsBytes(value)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        send(ctx, keepAlive, response);
    }

    private static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        send(ctx, keepAlive, response);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
