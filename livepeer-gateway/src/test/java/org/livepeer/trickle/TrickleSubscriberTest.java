package org.livepeer.trickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.trickle.TricklePublishSubscribeTest.assertThrowsTrickle;
import static org.livepeer.trickle.TricklePublisherFailureTest.failure;
import static org.livepeer.trickle.TrickleTestServer.bytes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.LocalPublisher;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleConfig;

/** The subscriber's rules: where it starts, how it follows the live edge, when it ends. */
class TrickleSubscriberTest {

    private TrickleTestServer server;
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
    void behindTheWindowJumpsToTheLatestSeqAndCountsTheGap() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        LocalPublisher source = channel.publisher();
        for (int i = 0; i < 10; i++) {
            source.writeSegment(bytes(100, i));
        }

        try (TrickleSubscriber subscriber = subscriber("ch").startSeq(0).build()) {
            CompletableFuture<Segment> next = subscriber.next();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> subscriber.stats().resets() == 1);
            assertFalse(next.isDone(), "waits at the live edge for seq 10");
            byte[] fresh = bytes(2_000, 10);
            source.writeSegment(fresh);

            try (Segment segment = next.get(10, TimeUnit.SECONDS)) {
                assertEquals(10, segment.seq());
                assertArrayEquals(fresh, segment.readAllBytes());
            }
            assertEquals(1, subscriber.stats().gaps());
        }
    }

    @Test
    void missingChannelEndsTheStream() throws Exception {
        start(TrickleConfig.defaults());
        try (TrickleSubscriber subscriber = subscriber("missing").build()) {
            assertNull(subscriber.next().get(10, TimeUnit.SECONDS));
            assertEquals(TrickleException.Kind.CHANNEL_GONE, subscriber.stats().endReason());
            assertNull(subscriber.next().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closedChannelEndsAWaitingSubscriber() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        try (TrickleSubscriber subscriber = subscriber("ch").build()) {
            CompletableFuture<Segment> next = subscriber.next();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> channel.activeSubscribers() == 1);
            server.trickle.closeChannel("ch");

            assertNull(next.get(10, TimeUnit.SECONDS));
            assertEquals(
                    TrickleException.Kind.CHANNEL_CLOSED, subscriber.stats().endReason());
        }
    }

    @Test
    void startAtCurrentDeliversTheSegmentBeingWritten() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        LocalPublisher source = channel.publisher();
        source.writeSegment(bytes(100, 0));
        var writing = source.beginSegment();
        byte[] partial = bytes(500, 1);
        writing.write(partial);

        try (TrickleSubscriber subscriber =
                        subscriber("ch").startSeq(TrickleSubscriber.CURRENT).build();
                Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
            assertEquals(1, segment.seq());
            assertArrayEquals(partial, segment.body().readNBytes(partial.length));
            writing.end();
            assertEquals(-1, segment.body().read());
        }
    }

    @Test
    void deliverAllDeliversEverySegmentInOrder() throws Exception {
        start(TrickleConfig.defaults().withWindowSize(20));
        publishTen("ch");
        try (TrickleSubscriber subscriber =
                subscriber("ch").startSeq(0).lagPolicy(LagPolicy.DELIVER_ALL).build()) {
            for (int i = 0; i < 10; i++) {
                try (Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
                    assertEquals(i, segment.seq());
                    assertArrayEquals(bytes(1_000, i), segment.readAllBytes());
                }
            }
            assertEquals(0, subscriber.stats().segmentsSkipped());
            assertEquals(10, subscriber.stats().segmentsDelivered());
        }
    }

    @Test
    void skipToLatestSkipsOldSegments() throws Exception {
        start(TrickleConfig.defaults().withWindowSize(20));
        LocalPublisher source = publishTen("ch");
        try (TrickleSubscriber subscriber = subscriber("ch")
                .startSeq(0)
                .lagPolicy(LagPolicy.SKIP_TO_LATEST)
                .maxLagSegments(2)
                .build()) {
            try (Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
                assertEquals(9, segment.seq());
                assertArrayEquals(bytes(1_000, 9), segment.readAllBytes());
            }
            assertEquals(9, subscriber.stats().segmentsSkipped());
            source.writeSegment(bytes(1_000, 10));
            try (Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
                assertEquals(10, segment.seq());
            }
            assertEquals(9, subscriber.stats().segmentsSkipped());
        }
    }

    @Test
    void readingBytesEnforcesThePerSegmentLimit() throws Exception {
        start(TrickleConfig.defaults());
        LocalPublisher source = server.trickle.createChannel("ch", "video/mp2t").publisher();
        source.writeSegment(bytes(4_096, 0));
        source.writeSegment(bytes(4_097, 1));

        try (TrickleSubscriber subscriber =
                subscriber("ch").startSeq(0).maxSegmentBytes(4_096).build()) {
            try (Segment fits = subscriber.next().get(10, TimeUnit.SECONDS)) {
                assertEquals(4_096, fits.readAllBytes().length);
            }
            try (Segment tooLarge = subscriber.next().get(10, TimeUnit.SECONDS)) {
                TrickleException error = assertThrowsTrickle(tooLarge::readAllBytes);
                assertEquals(TrickleException.Kind.SEGMENT_TOO_LARGE, error.kind());
                assertTrue(error.getMessage().contains(server.channelUrl("ch") + "/1"), error.getMessage());
            }
        }
    }

    @Test
    void transientFailuresAreRetried() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t").publisher().writeSegment(bytes(100, 0));
        server.http.faults().add(FaultRule.on("GET", ".*/ch/0").times(2).respond(503, "busy"));

        try (TrickleSubscriber subscriber = subscriber("ch")
                        .startSeq(0)
                        .retries(3, Duration.ofMillis(10))
                        .build();
                Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
            assertEquals(0, segment.seq());
            assertEquals(2, subscriber.stats().retries());
        }
    }

    @Test
    void tooManyFailuresEndInATypedError() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/mp2t");
        FaultRule broken =
                server.http.faults().add(FaultRule.on("GET", ".*/ch/0").dropConnection());

        try (TrickleSubscriber subscriber =
                subscriber("ch").startSeq(0).retries(2, Duration.ofMillis(10)).build()) {
            TrickleException error = failure(subscriber.next());
            assertEquals(TrickleException.Kind.TOO_MANY_FAILURES, error.kind());
            assertTrue(error.getMessage().contains(server.channelUrl("ch") + "/0"), error.getMessage());
            assertEquals(3, broken.hits());
            assertEquals(
                    TrickleException.Kind.TOO_MANY_FAILURES, subscriber.stats().endReason());
            assertEquals(
                    TrickleException.Kind.TOO_MANY_FAILURES,
                    failure(subscriber.next()).kind());
        }
    }

    @Test
    void liveEdgeWaitIsRefreshedWithoutCountingAFailure() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        FaultRule asked = server.http.faults().add(FaultRule.on("GET", ".*/ch/0"));

        try (TrickleSubscriber subscriber = subscriber("ch")
                .startSeq(0)
                .edgeWaitRefresh(Duration.ofMillis(100))
                .retries(0, Duration.ofMillis(10))
                .build()) {
            CompletableFuture<Segment> next = subscriber.next();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> asked.hits() >= 3);
            byte[] data = bytes(100, 1);
            channel.publisher().writeSegment(data);
            try (Segment segment = next.get(10, TimeUnit.SECONDS)) {
                assertArrayEquals(data, segment.readAllBytes());
            }
            assertEquals(0, subscriber.stats().retries());
        }
    }

    @Test
    void closeCompletesAWaitingNextAndCancelsItsGet() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        TrickleSubscriber subscriber = subscriber("ch").build();
        CompletableFuture<Segment> next = subscriber.next();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> channel.activeSubscribers() == 1);

        subscriber.close();

        assertNull(next.get(10, TimeUnit.SECONDS));
        assertEquals(TrickleException.Kind.CLOSED, subscriber.stats().endReason());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> channel.activeSubscribers() == 0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> transport.openConnections() == 0);
    }

    private LocalPublisher publishTen(String name) {
        LocalPublisher source = server.trickle.createChannel(name, "video/mp2t").publisher();
        for (int i = 0; i < 10; i++) {
            source.writeSegment(bytes(1_000, i));
        }
        return source;
    }

    private TrickleSubscriber.Builder subscriber(String channel) {
        return TrickleSubscriber.builder(transport, server.channelUrl(channel));
    }

    private void start(TrickleConfig config) {
        server = new TrickleTestServer(false, config);
        transport = NettyTransport.builder().ioThreads(2).build();
    }
}
