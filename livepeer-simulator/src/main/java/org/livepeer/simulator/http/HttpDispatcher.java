package org.livepeer.simulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per connection: routes each request to its handler, feeds it the body, applies injected faults. */
final class HttpDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);
    /** How long a connection whose output is shut waits for the client to close its side. */
    private static final long LINGER_SECONDS = 5;

    private final Router router;
    private final Faults faults;

    private HttpCall call;
    private BodyConsumer consumer;
    private boolean requestComplete = true;
    private boolean responseComplete = true;
    /** Body chunks that arrive while an injected delay holds the handler back. */
    private ArrayDeque<Object> delayed;

    private long requestBytesLeft = Long.MAX_VALUE;
    /** Counts requests on this connection, so a late callback can tell whether its request is still the current one. */
    private long requestNumber;

    HttpDispatcher(Router router, Faults faults) {
        this.router = router;
        this.faults = faults;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            ctx.close();
            return;
        }
        requestComplete = false;
        responseComplete = false;
        requestBytesLeft = Long.MAX_VALUE;
        long number = ++requestNumber;
        HttpCall current = new HttpCall(ctx.channel(), request, () -> onResponseFinished(ctx, number));
        call = current;

        FaultRule fault = faults.match(request.method().name(), current.path());
        if (fault != null) {
            LOG.debug("fault {} applies to {} {}", fault, request.method(), current.path());
        }
        if (fault != null && (!fault.delay().isZero() || fault.holds())) {
            delayed = new ArrayDeque<>();
            consumer = BodyConsumer.IGNORE;
            Runnable resume = () -> {
                if (call == current && ctx.channel().isActive()) {
                    applyFault(ctx, current, fault);
                    replayDelayed(ctx);
                }
            };
            ctx.executor()
                    .schedule(
                            () -> fault.gate()
                                    .whenComplete((ok, error) -> ctx.executor().execute(resume)),
                            fault.delay().toMillis(),
                            TimeUnit.MILLISECONDS);
            return;
        }
        applyFault(ctx, current, fault);
    }

    private void applyFault(ChannelHandlerContext ctx, HttpCall current, FaultRule fault) {
        FaultRule.Action action = fault == null ? FaultRule.Action.PROCEED : fault.action();
        switch (action) {
            case RESPOND -> {
                consumer = BodyConsumer.IGNORE;
                DefaultHttpHeaders headers = new DefaultHttpHeaders();
                for (Map.Entry<String, String> header : fault.headers().entrySet()) {
                    headers.set(header.getKey(), header.getValue());
                }
                current.respond(
                        HttpResponseStatus.valueOf(fault.status()),
                        fault.contentType(),
                        fault.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        headers);
            }
            case HANG -> consumer = BodyConsumer.IGNORE;
            case DROP -> {
                consumer = BodyConsumer.IGNORE;
                ctx.close();
            }
            case DROP_RESPONSE_MID_BODY -> {
                current.truncateResponseAfter(fault.afterBytes());
                route(current);
            }
            case DROP_REQUEST_MID_BODY -> {
                requestBytesLeft = fault.afterBytes();
                route(current);
                if (fault.afterBytes() == 0) {
                    // the handler has the request, the body never comes (e.g. a pre-connected POST dropped)
                    ctx.close();
                }
            }
            case PROCEED -> route(current);
        }
    }

    private void route(HttpCall current) {
        boolean[] methodMismatch = new boolean[1];
        HttpHandler handler = router.find(current.method(), current.path(), methodMismatch);
        if (handler == null) {
            consumer = BodyConsumer.IGNORE;
            if (methodMismatch[0]) {
                current.respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
            } else {
                current.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
            }
            return;
        }
        try {
            consumer = handler.onRequest(current);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", current.method(), current.path(), e);
            consumer = BodyConsumer.IGNORE;
            current.respondText(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (delayed != null) {
            delayed.add(content.retain());
            return;
        }
        deliver(ctx, content);
    }

    private void replayDelayed(ChannelHandlerContext ctx) {
        ArrayDeque<Object> queue = delayed;
        delayed = null;
        while (queue != null && !queue.isEmpty()) {
            HttpContent content = (HttpContent) queue.poll();
            try {
                deliver(ctx, content);
            } finally {
                content.release();
            }
        }
    }

    private void deliver(ChannelHandlerContext ctx, HttpContent content) {
        if (consumer == null) {
            return;
        }
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            if (bytes.readableBytes() >= requestBytesLeft) {
                consumer.onChunk(bytes.readSlice((int) requestBytesLeft));
                ctx.close();
                return;
            }
            if (requestBytesLeft != Long.MAX_VALUE) {
                requestBytesLeft -= bytes.readableBytes();
            }
            consumer.onChunk(bytes);
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
            BodyConsumer done = consumer;
            consumer = null;
            done.onEnd();
        }
    }

    private void onResponseFinished(ChannelHandlerContext ctx, long number) {
        if (number != requestNumber) {
            // Over TLS the write can complete after the client already sent its next request.
            return;
        }
        responseComplete = true;
        if (requestComplete) {
            return;
        }
        // A handler may answer while the request head is being handled; the end of a bodiless request
        // is decoded from the same read and delivered right after, so decide once that read is done.
        ctx.executor().execute(() -> {
            if (requestNumber == number && !requestComplete) {
                // The handler answered before the whole body arrived: the connection cannot be reused.
                closeAfterAnswer(ctx);
            }
        });
    }

    /**
     * Ends a connection whose answer is out while its request body is still coming. A plain close
     * with unread bytes in the socket resets the connection, and a reset can make the client lose
     * the answer it has not read yet; so the output is shut first (the client reads the answer, then
     * its end), the rest of the body is read and dropped, and the connection closes when the client
     * closes its side, or after {@link #LINGER_SECONDS}.
     */
    private void closeAfterAnswer(ChannelHandlerContext ctx) {
        if (consumer != null) {
            BodyConsumer abandoned = consumer;
            consumer = BodyConsumer.IGNORE;
            abandoned.onAbort();
        }
        if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (delayed != null) {
            delayed.forEach(ReferenceCountUtil::release);
            delayed = null;
        }
        if (!requestComplete && consumer != null) {
            BodyConsumer aborted = consumer;
            consumer = null;
            aborted.onAbort();
        }
        if (call != null) {
            call.fireClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
