package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.trickle.SegmentWriter;
import org.livepeer.simulator.trickle.TrickleChannel;

class NettyTransportLifecycleTest {

    private TestServer server;
    private TrickleChannel channel;

    @BeforeEach
    void setUp() {
        server = new TestServer(false);
        channel = server.trickle.createChannel("ch", "video/mp2t");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void closeEndsConnectionsAndLeavesNoTransportThreads() throws Exception {
        NettyTransport transport = NettyTransport.builder()
                .ioThreads(3)
                .threadNamePrefix("lifecycle-test")
                .build();
        SegmentWriter writer = channel.publisher().beginSegment();
        writer.write(new byte[] {1});
        StreamingResponse open = transport
                .receive(HttpRequest.get(server.trickleUrl("ch/0")).build())
                .get(10, TimeUnit.SECONDS);
        transport.send(next()).get(10, TimeUnit.SECONDS);
        assertTrue(NettyTransportTrickleTest.threadsNamed("lifecycle-test") > 0);

        transport.close();

        assertEquals(0, transport.openConnections());
        TransportException error = org.junit.jupiter.api.Assertions.assertThrows(TransportException.class, () -> {
            open.body().readNBytes(1);
            open.body().read();
        });
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, error.kind());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> NettyTransportTrickleTest.threadsNamed("lifecycle-test") == 0);
        writer.end();
    }

    @Test
    void sharedEventLoopGroupIsUsedAndLeftRunning() throws Exception {
        NioEventLoopGroup shared = new NioEventLoopGroup(1);
        try {
            NettyTransport transport = NettyTransport.builder()
                    .eventLoopGroup(shared, NioSocketChannel.class)
                    .build();
            assertSame(shared, transport.eventLoopGroup());
            assertEquals(200, transport.send(next()).get(10, TimeUnit.SECONDS).status());
            transport.close();
            assertEquals(0, transport.openConnections());
            assertFalse(shared.isShuttingDown());
        } finally {
            shared.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void requestsBeyondTheConnectionLimitWaitForAFreeConnection() throws Exception {
        try (NettyTransport transport =
                NettyTransport.builder().maxConnectionsPerTarget(1).build()) {
            SegmentWriter writer = channel.publisher().beginSegment();
            writer.write(new byte[] {1, 2});
            CompletableFuture<HttpResponse> first =
                    transport.send(HttpRequest.get(server.trickleUrl("ch/0")).build());
            CompletableFuture<HttpResponse> second = transport.send(next());
            await().atMost(Duration.ofSeconds(5)).until(() -> channel.activeSubscribers() == 1);
            assertFalse(second.isDone());

            writer.end();
            assertEquals(2, first.get(10, TimeUnit.SECONDS).body().length);
            assertEquals(200, second.get(10, TimeUnit.SECONDS).status());
            assertEquals(1, server.acceptedConnections());
        }
    }

    @Test
    void waitingForABusyConnectionTimesOut() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .maxConnectionsPerTarget(1)
                .connectTimeout(Duration.ofMillis(300))
                .build()) {
            SegmentWriter writer = channel.publisher().beginSegment();
            writer.write(new byte[] {1});
            StreamingResponse busy = transport
                    .receive(HttpRequest.get(server.trickleUrl("ch/0")).build())
                    .get(10, TimeUnit.SECONDS);

            TransportException error = NettyTransportSendTest.failure(transport.send(next()));
            assertEquals(TransportException.Kind.CONNECT_TIMEOUT, error.kind());
            assertTrue(error.getMessage().contains("busy"), error.getMessage());
            busy.close();
            writer.end();
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        try (NettyTransport transport = NettyTransport.builder()
                .idleConnectionTimeout(Duration.ofMillis(200))
                .build()) {
            transport.send(next()).get(10, TimeUnit.SECONDS);
            assertEquals(1, transport.idleConnections());

            await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
            assertEquals(0, transport.idleConnections());
            transport.send(next()).get(10, TimeUnit.SECONDS);
            assertEquals(2, server.acceptedConnections());
        }
    }

    @Test
    void serverClosingAnIdleConnectionRemovesItFromThePool() throws Exception {
        try (NettyTransport transport = NettyTransport.create()) {
            transport.send(next()).get(10, TimeUnit.SECONDS);
            server.http.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
            assertEquals(0, transport.idleConnections());
            server.http.start();
            assertEquals(200, transport.send(next()).get(10, TimeUnit.SECONDS).status());
        }
    }

    private HttpRequest next() {
        return HttpRequest.get(server.trickleUrl("ch/next")).build();
    }
}
