package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.HttpHandler;

/** Requests that ask for a connection on a given event loop, against the simulator's HTTP server. */
class NettyTransportAffinityTest {

    private TestServer server;

    @BeforeEach
    void setUp() {
        server = new TestServer(false);
        server.router.exact("POST", "/upload", HttpHandler.buffered(1 << 16, (call, body) -> {
            call.respond(HttpResponseStatus.OK, "text/plain", new byte[0], null);
        }));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aNewConnectionOpensOnTheLoopAskedForAndAnIdleOneOfThatLoopIsPreferred() throws Exception {
        try (NettyTransport transport = NettyTransport.builder().ioThreads(2).build()) {
            Iterator<io.netty.util.concurrent.EventExecutor> loops =
                    transport.eventLoopGroup().iterator();
            EventLoop first = (EventLoop) loops.next();
            EventLoop second = (EventLoop) loops.next();
            assertNotSame(first, second);

            // two at once: each opens its own connection, on the loop it asked for
            StreamingRequest onFirst = open(transport, first);
            StreamingRequest onSecond = open(transport, second);
            assertSame(first, onFirst.eventLoop());
            assertSame(second, onSecond.eventLoop());
            complete(onFirst);
            complete(onSecond);
            awaitIdle(transport, 2);

            // each loop's idle connection is reused by a request asking for that loop
            assertSame(second, upload(transport, second));
            awaitIdle(transport, 2);
            assertSame(first, upload(transport, first));
            assertEquals(2, server.acceptedConnections());
        }
    }

    @Test
    void anIdleConnectionOfAnotherLoopIsReusedRatherThanOpeningAnother() throws Exception {
        try (NettyTransport transport = NettyTransport.builder().ioThreads(2).build()) {
            Iterator<io.netty.util.concurrent.EventExecutor> loops =
                    transport.eventLoopGroup().iterator();
            EventLoop first = (EventLoop) loops.next();
            EventLoop second = (EventLoop) loops.next();

            assertSame(first, upload(transport, first));
            awaitIdle(transport, 1);
            assertSame(first, upload(transport, second));
            assertEquals(1, server.acceptedConnections());
        }
    }

    private StreamingRequest open(NettyTransport transport, EventLoop affinity) throws Exception {
        StreamingRequest request =
                transport.open(HttpRequest.post(server.url("/upload")).build(), affinity);
        request.connected().get(10, TimeUnit.SECONDS);
        return request;
    }

    private static void complete(StreamingRequest request) throws Exception {
        request.write(new byte[] {1, 2, 3});
        assertEquals(200, request.finish().get(10, TimeUnit.SECONDS).status());
    }

    /** One upload with a small body; returns the event loop its connection ran on. */
    private EventLoop upload(NettyTransport transport, EventLoop affinity) throws Exception {
        StreamingRequest request =
                transport.open(HttpRequest.post(server.url("/upload")).build(), affinity);
        request.connected().get(10, TimeUnit.SECONDS);
        EventLoop used = request.eventLoop();
        request.write(new byte[] {1, 2, 3});
        assertEquals(200, request.finish().get(10, TimeUnit.SECONDS).status());
        return used;
    }

    private static void awaitIdle(NettyTransport transport, int connections) {
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.idleConnections() == connections);
    }
}
