package org.livepeer.simulator.apps;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * After a protocol switch (a proxied WebSocket), copies the bytes one connection receives to the
 * other, as they come, and closes the other once this one closes.
 */
final class RawRelay extends ChannelInboundHandlerAdapter {

    private final Channel peer;
    private final java.util.function.Consumer<Channel> onAdded;

    /** @param onAdded runs once this relay is in its connection's pipeline, with that connection */
    RawRelay(Channel peer, java.util.function.Consumer<Channel> onAdded) {
        this.peer = peer;
        this.onAdded = onAdded;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        onAdded.accept(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            peer.writeAndFlush(bytes);
        } else {
            // what an HTTP codec still emits while it leaves the pipeline (the empty end of the 101)
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
