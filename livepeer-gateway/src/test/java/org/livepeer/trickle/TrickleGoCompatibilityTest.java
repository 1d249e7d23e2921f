package org.livepeer.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.trickle.TrickleTestServer.bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.LocalPublisher;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleCompatibility;
import org.livepeer.simulator.trickle.TrickleConfig;

/**
 * The publisher and subscriber against go-livepeer's trickle server as it is in the versions and
 * modes the simulator mimics: no {@code /next} (v0.8.10), channels created on their first POST,
 * empty segments, publishers that restart at 0, and pre-connected POSTs that break off.
 */
class TrickleGoCompatibilityTest {

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
    void withoutANextRouteThePublisherPostsToMinusOneAndFollowsTheSeqTheServerChose() throws Exception {
        start(TrickleConfig.defaults().withCompatibility(TrickleCompatibility.V0_8_10));
        TrickleChannel channel = server.trickle.createChannel("ch", "video/MP2T");
        LocalPublisher earlier = channel.publisher();
        for (int i = 0; i < 3; i++) {
            earlier.writeSegment(bytes(100, i));
        }
        List<byte[]> sent = List.of(bytes(5_000, 10), bytes(7_000, 11), bytes(9_000, 12));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .deleteOnClose(false)
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(3)
                        .build()) {
            List<Long> seqs = new ArrayList<>();
            for (byte[] segment : sent) {
                seqs.add(publisher.publish(segment).get(10, TimeUnit.SECONDS).seq());
            }
            assertEquals(List.of(3L, 4L, 5L), seqs);
            for (int i = 0; i < sent.size(); i++) {
                try (Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
                    assertEquals(3 + i, segment.seq());
                    assertArrayEquals(sent.get(i), segment.readAllBytes());
                }
            }
            assertEquals(0, publisher.stats().segmentsFailed());
        }
    }

    @Test
    void aChannelCreatedOnItsFirstPostIsPublishedFromSeqZero() throws Exception {
        start(TrickleConfig.defaults().withAutoCreate(true));
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("fresh"))
                .deleteOnClose(false)
                .build()) {
            assertEquals(
                    0,
                    publisher.publish(bytes(1_000, 1)).get(10, TimeUnit.SECONDS).seq());
            assertEquals(
                    1,
                    publisher.publish(bytes(1_000, 2)).get(10, TimeUnit.SECONDS).seq());
        }
        TrickleChannel created = server.trickle.channel("fresh").orElseThrow();
        assertEquals(2, created.segmentsPublished());
        assertEquals("video/MP2T", created.mimeType(), "go-livepeer's default content type");
        try (TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("fresh"))
                        .startSeq(0)
                        .build();
                Segment first = subscriber.next().get(10, TimeUnit.SECONDS)) {
            assertArrayEquals(bytes(1_000, 1), first.readAllBytes());
        }
    }

    @Test
    void aMissingChannelWithoutANextRouteStillEndsThePublisherNamingTheChannel() throws Exception {
        start(TrickleConfig.defaults().withCompatibility(TrickleCompatibility.V0_8_10));
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("missing"))
                .build()) {
            TrickleException error = TricklePublisherFailureTest.failure(publisher.publish(new byte[] {1}));
            assertEquals(TrickleException.Kind.CHANNEL_GONE, error.kind());
            assertTrue(error.getMessage().contains(server.channelUrl("missing")), error.getMessage());
        }
    }

    @Test
    void emptySegmentsAreDeliveredAsSegments() throws Exception {
        start(TrickleConfig.defaults());
        server.trickle.createChannel("ch", "video/MP2T");
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(0)
                        .build()) {
            assertEquals(
                    0, publisher.publish(new byte[0]).get(10, TimeUnit.SECONDS).seq());
            assertEquals(
                    1,
                    publisher.publish(bytes(2_000, 1)).get(10, TimeUnit.SECONDS).seq());

            try (Segment empty = subscriber.next().get(10, TimeUnit.SECONDS)) {
                assertEquals(0, empty.seq());
                assertEquals(0, empty.readAllBytes().length);
            }
            try (Segment full = subscriber.next().get(10, TimeUnit.SECONDS)) {
                assertEquals(1, full.seq());
                assertArrayEquals(bytes(2_000, 1), full.readAllBytes());
            }
            assertEquals(1, subscriber.stats().emptySegments());
            assertEquals(2, subscriber.stats().segmentsDelivered());
        }
    }

    @Test
    void aSubscriberAheadOfAPublisherThatRestartedAtZeroJumpsToItsLatestSeqAtOnce() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/MP2T");
        LocalPublisher before = channel.publisher();
        for (int i = 0; i < 10; i++) {
            before.writeSegment(bytes(100, i));
        }
        try (TricklePublisher restarted = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .startSeq(0)
                        .deleteOnClose(false)
                        .build();
                // it followed the earlier publisher, so its next seq is 10
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(10)
                        .build()) {
            restarted.publish(bytes(300, 100)).get(10, TimeUnit.SECONDS);
            restarted.publish(bytes(300, 101)).get(10, TimeUnit.SECONDS);

            CompletableFuture<Segment> next = subscriber.next();
            // 470 with Lp-Trickle-Latest 2: the subscriber waits for seq 2 at once
            await().until(() -> channel.activeSubscribers() == 1);
            byte[] fresh = bytes(4_000, 102);
            assertEquals(2, restarted.publish(fresh).get(10, TimeUnit.SECONDS).seq());

            try (Segment segment = next.get(10, TimeUnit.SECONDS)) {
                assertEquals(2, segment.seq());
                assertArrayEquals(fresh, segment.readAllBytes());
            }
            assertEquals(1, subscriber.stats().resets(), "one 470, no polling of the seq ahead");
            assertEquals(0, subscriber.stats().gaps());
        }
    }

    @Test
    void aPreconnectedPostDroppedBeforeItsFirstByteIsRepeatedAndItsDataReachesAWaitingSubscriber() throws Exception {
        start(TrickleConfig.defaults());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/MP2T");
        // the connection of the pre-connected POST of seq 1 drops before any body byte
        FaultRule cut = server.http
                .faults()
                .add(FaultRule.on("POST", ".*/ch/1").times(1).dropRequestAfter(0));
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .startSeq(0)
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(1)
                        .build()) {
            publisher.publish(bytes(100, 0)).get(10, TimeUnit.SECONDS);
            CompletableFuture<Segment> waiting = subscriber.next();
            await().until(() -> channel.activeSubscribers() == 1);
            await().until(() -> cut.hits() == 1 && publisher.stats().retries() == 1);

            byte[] data = bytes(20_000, 1);
            PublishedSegment published = publisher.publish(data).get(10, TimeUnit.SECONDS);

            assertEquals(1, published.seq());
            assertEquals(2, published.attempts(), "the first POST of seq 1 lost no data, so it was repeated");
            assertEquals(1, cut.hits());
            try (Segment segment = waiting.get(10, TimeUnit.SECONDS)) {
                assertEquals(1, segment.seq());
                assertArrayEquals(data, segment.readAllBytes());
            }
        }
    }

    private void start(TrickleConfig config) {
        server = new TrickleTestServer(false, config);
        transport = NettyTransport.builder().ioThreads(2).build();
    }
}
