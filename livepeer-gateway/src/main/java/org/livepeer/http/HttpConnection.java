package org.livepeer.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection, the last handler of its channel's pipeline: hands what arrives to the
 * exchange currently using the connection, skips interim {@code 1xx} responses, and reports the
 * connection's end. Exchange callbacks all run on the channel's event loop.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

    private final Channel channel;
    private final ConnectionPool pool;
    private Exchange exchange;
    private boolean skippingInterimResponse;
    private Throwable failure;
    /** Guarded by the pool: closes the connection when it stayed idle too long. */
    private ScheduledFuture<?> idleClose;

    HttpConnection(Channel channel, ConnectionPool pool) {
        this.channel = channel;
        this.pool = pool;
    }

    Channel channel() {
        return channel;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    boolean isActive() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    /** Starts serving {@code next}; on the event loop. */
    void begin(Exchange next) {
        exchange = next;
        skippingInterimResponse = false;
    }

    /** The exchange is over: the connection goes back to its pool, or is closed. On the event loop. */
    void end(Exchange finished, boolean reusable) {
        if (exchange != finished) {
            return;
        }
        exchange = null;
        if (reusable && channel.isActive()) {
            // a streamed body may have paused reading; an idle connection must notice the server closing it
            channel.config().setAutoRead(true);
            pool.release(this);
        } else {
            channel.close();
        }
    }

    /** Returns a connection that was acquired but never used back to its pool. */
    void releaseUnused() {
        pool.release(this);
    }

    void scheduleIdleClose(long nanos, Runnable evict) {
        idleClose = channel.eventLoop().schedule(evict, nanos, TimeUnit.NANOSECONDS);
    }

    void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpObject object) {
                dispatch(object);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(HttpObject message) {
        Exchange current = exchange;
        if (current == null) {
            // bytes nobody asked for: the connection's state is unknown, so it cannot be used again
            channel.close();
            return;
        }
        if (message.decoderResult().isFailure()) {
            Throwable cause = message.decoderResult().cause();
            if (cause instanceof PrematureChannelClosureException) {
                current.connectionLost(cause);
            } else {
                current.protocolError(cause);
            }
            return;
        }
        if (message instanceof io.netty.handler.codec.http.HttpResponse head) {
            int code = head.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                // 100 Continue (trickle servers send it as keepalive): not the response
                skippingInterimResponse = true;
                current.interimReceived();
                return;
            }
            current.headReceived(head);
        }
        if (message instanceof HttpContent content) {
            if (skippingInterimResponse) {
                skippingInterimResponse = !(content instanceof LastHttpContent);
                return;
            }
            if (content.content().isReadable() && exchange == current) {
                current.contentReceived(content.content());
            }
            if (content instanceof LastHttpContent && exchange == current) {
                current.endReceived();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.writabilityChanged(channel.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.connectionLost(failure);
        }
        ctx.fireChannelInactive();
    }
}
