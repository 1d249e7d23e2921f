package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.SegmentWriter;
import org.livepeer.simulator.trickle.TrickleChannel;

class NettyTransportStreamingResponseTest {

    private TestServer server;
    private NettyTransport transport;
    private TrickleChannel channel;

    @BeforeEach
    void setUp() {
        server = new TestServer(false);
        channel = server.trickle.createChannel("ch", "video/mp2t");
        transport = NettyTransport.builder().ioThreads(2).build();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        server.close();
    }

    @Test
    void segmentBytesArriveBeforeThePublisherFinishes() throws Exception {
        byte[] head = bytes(5_000, 1);
        byte[] tail = bytes(9_000, 2);
        try (SegmentWriter writer = channel.publisher().beginSegment()) {
            writer.write(head);

            StreamingResponse response = transport.receive(get("ch/0")).get(10, TimeUnit.SECONDS);
            assertEquals(200, response.status());
            assertEquals("0", response.header("lp-trickle-seq"));
            InputStream body = response.body();
            // the segment is still open: these bytes can only have come while it is being written
            assertArrayEquals(head, body.readNBytes(head.length));
            assertFalse(response.completion().isDone());

            writer.write(tail);
            writer.end();
            assertArrayEquals(tail, body.readNBytes(tail.length));
            assertEquals(-1, body.read());
            response.completion().get(10, TimeUnit.SECONDS);
            response.close();
        }
        // the whole body was read: the connection went back to the pool
        assertEquals(1, transport.idleConnections());
    }

    @Test
    void slowReaderKeepsBufferedBytesBounded() throws Exception {
        int cap = 64 * 1024;
        byte[] segment = bytes(4 * 1024 * 1024, 3);
        channel.publisher().writeSegment(segment);

        StreamingResponse response = transport
                .receive(HttpRequest.get(server.trickleUrl("ch/0"))
                        .streamBufferBytes(cap)
                        .build())
                .get(10, TimeUnit.SECONDS);
        // nothing read yet: the transport must stop reading instead of taking in the 4 MiB
        await().atMost(Duration.ofSeconds(10)).until(() -> response.pauses() >= 1);
        assertTrue(response.bufferedBytes() < cap + 128 * 1024, "buffered " + response.bufferedBytes());
        assertFalse(response.completion().isDone());

        byte[] received = new byte[segment.length];
        int total = 0;
        InputStream body = response.body();
        int n;
        while ((n = body.read(received, total, Math.min(4096, received.length - total))) > 0) {
            total += n;
        }
        // reading resumed after the pause: the rest arrived
        assertEquals(segment.length, total);
        assertArrayEquals(segment, received);
        assertTrue(
                response.maxBufferedBytes() < cap + 128 * 1024, "at most " + response.maxBufferedBytes() + " buffered");
        response.close();
    }

    @Test
    void connectionDroppedMidBodyFailsTheReader() throws Exception {
        server.router.exact("GET", "/file", call -> {
            call.respond(HttpResponseStatus.OK, "application/octet-stream", bytes(50_000, 4), null);
            return BodyConsumer.IGNORE;
        });
        server.http.faults().add(FaultRule.on("GET", "/file").dropResponseAfter(10_000));

        StreamingResponse response =
                transport.receive(HttpRequest.get(server.url("/file")).build()).get(10, TimeUnit.SECONDS);
        InputStream body = response.body();
        byte[] first = body.readNBytes(10_000);
        assertArrayEquals(Arrays.copyOf(bytes(50_000, 4), 10_000), first);
        TransportException error = assertThrows(TransportException.class, body::read);
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, error.kind());
        assertTrue(error.getMessage().contains("GET " + server.url("/file")), error.getMessage());
        // the reader can see the failure a moment before the event loop has closed the connection
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> response.completion().isCompletedExceptionally() && transport.openConnections() == 0);
    }

    @Test
    void stalledBodyFailsWithIdleTimeout() throws Exception {
        SegmentWriter writer = channel.publisher().beginSegment();
        writer.write(bytes(100, 5));
        StreamingResponse response = transport
                .receive(HttpRequest.get(server.trickleUrl("ch/0"))
                        .idleTimeout(Duration.ofMillis(300))
                        .build())
                .get(10, TimeUnit.SECONDS);
        InputStream body = response.body();
        assertEquals(100, body.readNBytes(100).length);

        TransportException error = assertThrows(TransportException.class, body::read);
        assertEquals(TransportException.Kind.IDLE_TIMEOUT, error.kind());
        assertTrue(error.getMessage().contains(server.trickleUrl("ch/0")), error.getMessage());
        writer.end();
    }

    @Test
    void cancelClosesTheConnectionAndFailsTheReader() throws Exception {
        SegmentWriter writer = channel.publisher().beginSegment();
        writer.write(bytes(100, 6));
        StreamingResponse response = transport.receive(get("ch/0")).get(10, TimeUnit.SECONDS);
        assertEquals(1, transport.openConnections());

        response.cancel();

        TransportException error =
                assertThrows(TransportException.class, () -> response.body().read());
        assertEquals(TransportException.Kind.CANCELLED, error.kind());
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.activeSubscribers() == 0);
        writer.end();
    }

    @Test
    void hangingServerFailsWithResponseTimeout() throws Exception {
        server.http.faults().add(FaultRule.on("GET", ".*").hang());
        TransportException error =
                NettyTransportSendTest.failure(transport.receive(HttpRequest.get(server.trickleUrl("ch/0"))
                        .responseTimeout(Duration.ofMillis(300))
                        .build()));
        assertEquals(TransportException.Kind.RESPONSE_TIMEOUT, error.kind());
        assertTrue(error.getMessage().contains(server.trickleUrl("ch/0")), error.getMessage());
    }

    private HttpRequest get(String channelAndSeq) {
        return HttpRequest.get(server.trickleUrl(channelAndSeq)).build();
    }

    static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
