package org.livepeer.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;

/**
 * The socket layer an owned event loop group runs on: Linux's native epoll where its library loads
 * (fewer system calls and cheaper wake-ups than the JDK's selector), otherwise the JDK's NIO.
 */
enum SocketIo {
    EPOLL(EpollEventLoopGroup::new, EpollSocketChannel.class),
    NIO(NioEventLoopGroup::new, NioSocketChannel.class);

    private final BiFunction<Integer, ThreadFactory, EventLoopGroup> groupFactory;
    private final Class<? extends SocketChannel> socketChannel;

    SocketIo(
            BiFunction<Integer, ThreadFactory, EventLoopGroup> groupFactory,
            Class<? extends SocketChannel> socketChannel) {
        this.groupFactory = groupFactory;
        this.socketChannel = socketChannel;
    }

    EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return groupFactory.apply(threads, threadFactory);
    }

    Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** Epoll if wanted and available here, else NIO. */
    static SocketIo choose(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }
}
