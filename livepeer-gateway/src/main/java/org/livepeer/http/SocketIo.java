package org.livepeer.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The socket layer an owned event loop group runs on: Linux's native epoll where its library loads
 * (fewer system calls and cheaper wake-ups than the JDK's selector), otherwise the JDK's NIO.
 */
enum SocketIo {
    EPOLL {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends SocketChannel> socketChannel() {
            return EpollSocketChannel.class;
        }
    },
    NIO {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends SocketChannel> socketChannel() {
            return NioSocketChannel.class;
        }
    };

    abstract EventLoopGroup newGroup(int threads, ThreadFactory threadFactory);

    abstract Class<? extends SocketChannel> socketChannel();

    /** Epoll if wanted and available here, else NIO. */
    static SocketIo choose(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }
}
