package org.livepeer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.HttpHandler;

/** An own event loop group runs on Linux's native epoll where it loads, and on NIO when asked. */
class NettyTransportSocketIoTest {

    private TestServer server;

    @BeforeEach
    void setUp() {
        server = new TestServer(false);
        server.router.exact(
                "POST",
                "/echo",
                HttpHandler.buffered(
                        1 << 20,
                        (call, body) -> call.respond(
                                HttpResponseStatus.OK, "application/octet-stream", ByteBufUtil.getBytes(body), null)));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void theDefaultGroupIsEpollWhereItIsAvailable() throws Exception {
        assumeTrue(Epoll.isAvailable(), "no native epoll on this platform");
        try (NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            assertInstanceOf(EpollEventLoopGroup.class, transport.eventLoopGroup());
            assertEquals(EpollSocketChannel.class, transport.channelType());
            assertEchoes(transport);
        }
    }

    @Test
    void nativeTransportOffRunsOnNio() throws Exception {
        try (NettyTransport transport =
                NettyTransport.builder().ioThreads(1).nativeTransport(false).build()) {
            assertInstanceOf(NioEventLoopGroup.class, transport.eventLoopGroup());
            assertEquals(NioSocketChannel.class, transport.channelType());
            assertEchoes(transport);
        }
    }

    private void assertEchoes(NettyTransport transport) throws Exception {
        byte[] payload = new byte[200_000];
        new Random(7).nextBytes(payload);
        HttpResponse response = transport
                .send(HttpRequest.post(server.url("/echo")).body(payload).build())
                .get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status());
        assertArrayEquals(payload, response.body());
    }
}
