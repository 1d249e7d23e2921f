package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.http.NettyTransportStreamingResponseTest.bytes;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleConfig;

/** Streaming requests and responses against a real trickle server. */
class NettyTransportTrickleTest {

    private TestServer server;
    private NettyTransport transport;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void preConnectedChunkedPostIsReadBackByteExact() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t");
        List<byte[]> chunks = List.of(bytes(70_000, 1), bytes(1, 2), bytes(300_000, 3), bytes(5_000, 4));

        StreamingRequest publish = transport.open(post("ch/0"));
        publish.connected().get(10, TimeUnit.SECONDS);
        assertFalse(publish.isAnyBodySent());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            publish.write(chunk).get(10, TimeUnit.SECONDS);
            expected.write(chunk);
        }
        assertTrue(publish.isAnyBodySent());
        HttpResponse published = publish.finish().get(10, TimeUnit.SECONDS);
        assertEquals(200, published.status());
        assertEquals("0", published.header("Lp-Trickle-Seq"));
        assertEquals(expected.size(), publish.bodyBytesSent());

        try (StreamingResponse segment = transport.receive(get("ch/0")).get(10, TimeUnit.SECONDS)) {
            assertArrayEquals(expected.toByteArray(), segment.body().readAllBytes());
        }
    }

    @Test
    void publisherPreConnectsTheNextSegmentWhileWritingTheCurrent() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t");
        byte[] first = bytes(20_000, 5);
        byte[] second = bytes(30_000, 6);

        StreamingRequest seq0 = transport.open(post("ch/0"));
        seq0.write(first).get(10, TimeUnit.SECONDS);
        StreamingRequest seq1 = transport.open(post("ch/1"));
        seq1.connected().get(10, TimeUnit.SECONDS);
        assertEquals(200, seq0.finish().get(10, TimeUnit.SECONDS).status());
        assertFalse(seq1.response().isDone());
        seq1.write(second);
        assertEquals("1", seq1.finish().get(10, TimeUnit.SECONDS).header("Lp-Trickle-Seq"));

        assertArrayEquals(
                first, transport.send(get("ch/0")).get(10, TimeUnit.SECONDS).body());
        assertArrayEquals(
                second, transport.send(get("ch/1")).get(10, TimeUnit.SECONDS).body());
    }

    @Test
    void continueKeepalivesBeforeTheBodyDoNotCompleteTheResponse() throws Exception {
        start(TrickleConfig.defaults().withKeepaliveInterval(Duration.ofMillis(20)));
        server.trickle.createChannel("ch", "video/mp2t");

        StreamingRequest publish = transport.open(HttpRequest.post(server.trickleUrl("ch/0"))
                .responseTimeout(Duration.ofSeconds(5))
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> publish.interimResponses() >= 3);
        assertFalse(publish.response().isDone());

        publish.write(bytes(1_000, 7)).get(10, TimeUnit.SECONDS);
        HttpResponse response = publish.finish().get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status());
        assertEquals("0", response.header("Lp-Trickle-Seq"));
        assertEquals(1_000, server.trickle.channel("ch").orElseThrow().bytesPublished());
    }

    @Test
    void serverAnsweringBeforeTheBodyEndsCompletesTheResponseAndFailsLaterWrites() throws Exception {
        start(TrickleConfig.defaults().withKeepaliveInterval(Duration.ofMillis(20)));
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");

        StreamingRequest publish = transport.open(post("ch/0"));
        // a keepalive shows the server is waiting for this request's body
        await().atMost(Duration.ofSeconds(10)).until(() -> publish.interimResponses() >= 1);
        // a publisher restart closes the segment a pre-connected request waits on
        server.trickle.closeChannel(channel.name());

        HttpResponse response = publish.response().get(10, TimeUnit.SECONDS);
        assertEquals(200, response.status());
        assertEquals("terminated", response.header("Lp-Trickle-Closed"));
        assertFalse(publish.isAnyBodySent());
        TransportException error = NettyTransportSendTest.failure(publish.write(new byte[] {1}));
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, error.kind());
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
    }

    @Test
    void connectionDroppedWhileWritingFailsTheResponse() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t");
        server.http.faults().add(FaultRule.on("POST", ".*/ch/0").dropRequestAfter(1_000));

        StreamingRequest publish = transport.open(post("ch/0"));
        publish.write(bytes(5_000, 8));
        publish.finish();
        TransportException error = NettyTransportSendTest.failure(publish.response());
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, error.kind());
        assertTrue(error.getMessage().contains("POST " + server.trickleUrl("ch/0")), error.getMessage());
    }

    @Test
    void abortFailsTheResponseAndPendingWritesAndDropsTheConnection() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t");

        StreamingRequest publish = transport.open(post("ch/0"));
        publish.connected().get(10, TimeUnit.SECONDS);
        publish.abort();

        TransportException error = NettyTransportSendTest.failure(publish.response());
        assertEquals(TransportException.Kind.CANCELLED, error.kind());
        assertEquals(
                TransportException.Kind.CONNECTION_CLOSED,
                NettyTransportSendTest.failure(publish.write(new byte[] {1})).kind());
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
    }

    @Test
    void twoHundredConcurrentSubscribersShareTheEventLoop() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        int subscribers = 200;
        List<CompletableFuture<StreamingResponse>> responses = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            responses.add(transport.receive(get("ch/0")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> channel.activeSubscribers() == subscribers);

        byte[] segment = bytes(32_000, 10);
        channel.publisher().writeSegment(segment);

        List<CompletableFuture<Void>> completions = new ArrayList<>();
        for (CompletableFuture<StreamingResponse> response : responses) {
            completions.add(response.thenCompose(StreamingResponse::completion));
        }
        CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<StreamingResponse> response : responses) {
            try (StreamingResponse subscription = response.get()) {
                assertArrayEquals(segment, subscription.body().readAllBytes());
            }
        }
        assertEquals(subscribers, server.acceptedConnections());
        assertTrue(threadsNamed("trickle-test") <= 2, threadsNamed("trickle-test") + " transport threads");
    }

    private void start(TrickleConfig config) {
        server = new TestServer(false, config);
        transport = NettyTransport.builder()
                .ioThreads(2)
                .threadNamePrefix("trickle-test")
                .build();
    }

    private HttpRequest post(String channelAndSeq) {
        return HttpRequest.post(server.trickleUrl(channelAndSeq)).build();
    }

    private HttpRequest get(String channelAndSeq) {
        return HttpRequest.get(server.trickleUrl(channelAndSeq)).build();
    }

    static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix + "-"))
                .count();
    }
}
