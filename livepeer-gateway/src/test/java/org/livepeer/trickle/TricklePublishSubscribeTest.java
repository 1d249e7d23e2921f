package org.livepeer.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.trickle.TrickleTestServer.bytes;

import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleConfig;

/** A publisher and a subscriber on one channel of the simulator's trickle server, over real sockets. */
class TricklePublishSubscribeTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private TrickleTestServer server;
    private NettyTransport transport;

    @AfterEach
    void tearDown() {
        reader.shutdownNow();
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manySegmentsArriveByteExactAndInOrder() throws Exception {
        roundTrip(false);
    }

    @Test
    void manySegmentsArriveByteExactAndInOrderOverTls() throws Exception {
        roundTrip(true);
    }

    private void roundTrip(boolean tls) throws Exception {
        start(new TrickleTestServer(tls, TrickleConfig.defaults().withWindowSize(64)));
        server.trickle.createChannel("ch", "video/mp2t");
        SslContext ssl = tls ? server.clientSslContext() : null;
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            segments.add(bytes(1 + i * 4_999, i));
        }

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .sslContext(ssl)
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .sslContext(ssl)
                        .startSeq(0)
                        .build()) {
            Future<List<byte[]>> received = reader.submit(() -> readSegments(subscriber, segments.size()));
            for (int i = 0; i < segments.size(); i++) {
                byte[] segment = segments.get(i);
                PublishedSegment published = i % 2 == 0
                        ? publisher.publish(segment).get(10, TimeUnit.SECONDS)
                        : publisher.publish((InputStream) new ByteArrayInputStream(segment));
                assertEquals(i, published.seq());
                assertEquals(segment.length, published.bytes());
            }
            List<byte[]> got = received.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < segments.size(); i++) {
                assertArrayEquals(segments.get(i), got.get(i), "segment " + i);
            }
            PublisherStats stats = publisher.stats();
            assertEquals(segments.size(), stats.segmentsStarted());
            assertEquals(segments.size(), stats.segmentsCompleted());
            assertEquals(0, stats.segmentsFailed());
            assertEquals(segments.stream().mapToLong(s -> s.length).sum(), stats.bytesSent());
            assertEquals(segments.size(), subscriber.stats().segmentsDelivered());
            assertEquals(0, subscriber.stats().gaps());
            assertEquals(stats.bytesSent(), subscriber.stats().bytesRead());
        }
    }

    @Test
    void partialSegmentReachesTheSubscriberBeforeThePublisherFinishesIt() throws Exception {
        start(TrickleTestServer.plain());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        byte[] head = bytes(10_000, 1);
        byte[] tail = bytes(20_000, 2);

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(TrickleSubscriber.LIVE)
                        .build()) {
            CompletableFuture<Segment> next = subscriber.next();
            // waiting at the live edge before anything is published
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.activeSubscribers() == 1);
            SegmentWriter writer = publisher.next();
            writer.write(head).get(10, TimeUnit.SECONDS);

            Segment segment = next.get(10, TimeUnit.SECONDS);
            assertEquals(0, segment.seq());
            assertArrayEquals(head, segment.body().readNBytes(head.length));
            assertFalse(writer.result().isDone(), "the publisher has not finished the segment yet");

            writer.write(tail);
            assertEquals(0, writer.finish().get(10, TimeUnit.SECONDS).seq());
            assertArrayEquals(tail, segment.body().readAllBytes());
            segment.close();
        }
    }

    @Test
    void nextSegmentIsPreConnectedWhileTheCurrentOneIsWritten() throws Exception {
        start(TrickleTestServer.plain());
        server.trickle.createChannel("ch", "video/mp2t");
        FaultRule seq1Seen = server.http.faults().add(FaultRule.on("POST", ".*/ch/1"));
        FaultRule seq2Seen = server.http.faults().add(FaultRule.on("POST", ".*/ch/2"));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build()) {
            SegmentWriter first = publisher.next();
            first.write(bytes(5_000, 3)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> seq1Seen.hits() == 1);
            assertFalse(first.result().isDone());
            assertEquals(0, seq2Seen.hits());

            first.finish().get(10, TimeUnit.SECONDS);
            SegmentWriter second = publisher.next();
            assertEquals(1, second.seq());
            second.write(bytes(5_000, 4));
            assertEquals(1, second.finish().get(10, TimeUnit.SECONDS).seq());
            // the pre-connected POST was the one used: seq 1 was requested once
            assertEquals(1, seq1Seen.hits());
            await().atMost(Duration.ofSeconds(10)).until(() -> seq2Seen.hits() == 1);
        }
    }

    @Test
    void restartedPublisherResetsTheChannelAndUnblocksAWaitingSubscriber() throws Exception {
        start(TrickleTestServer.plain());
        server.trickle.createChannel("ch", "video/mp2t");
        byte[] partial = bytes(3_000, 5);
        byte[] fresh = bytes(4_000, 6);

        TricklePublisher crashed = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .deleteOnClose(false)
                .build();
        try (TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build()) {
            // a publisher that stalls mid-segment leaves the subscriber waiting for the rest
            SegmentWriter stalled = crashed.next();
            stalled.write(partial).get(10, TimeUnit.SECONDS);
            Segment first = subscriber.next().get(10, TimeUnit.SECONDS);
            assertArrayEquals(partial, first.body().readNBytes(partial.length));
            Future<Integer> endOfFirst = reader.submit(() -> first.body().read());

            try (TricklePublisher restarted = TricklePublisher.builder(transport, server.channelUrl("ch"))
                    .deleteOnClose(false)
                    .build()) {
                SegmentWriter writer = restarted.next();
                // the reset goes out with the POST head, before any data
                assertEquals(-1, endOfFirst.get(10, TimeUnit.SECONDS));
                writer.write(fresh);
                assertEquals(1, writer.finish().get(10, TimeUnit.SECONDS).seq());

                try (Segment second = subscriber.next().get(10, TimeUnit.SECONDS)) {
                    assertEquals(1, second.seq());
                    assertArrayEquals(fresh, second.readAllBytes());
                }
            }
        } finally {
            crashed.close();
        }
    }

    @Test
    void publisherStartingAtNextAsksTheServerForTheSeq() throws Exception {
        start(TrickleTestServer.plain());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        for (int i = 0; i < 3; i++) {
            channel.publisher().writeSegment(bytes(100, i));
        }
        FaultRule nextAsked = server.http.faults().add(FaultRule.on("GET", ".*/ch/next"));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                        .startSeq(TricklePublisher.NEXT)
                        .build();
                TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                        .startSeq(TrickleSubscriber.LIVE)
                        .build()) {
            CompletableFuture<Segment> live = subscriber.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.activeSubscribers() == 1);
            byte[] data = bytes(2_000, 9);
            assertEquals(3, publisher.publish(data).get(10, TimeUnit.SECONDS).seq());
            assertEquals(4, publisher.publish(data).get(10, TimeUnit.SECONDS).seq());
            assertEquals(1, nextAsked.hits());
            try (Segment segment = live.get(10, TimeUnit.SECONDS)) {
                assertEquals(3, segment.seq());
                assertArrayEquals(data, segment.readAllBytes());
            }
        }
    }

    @Test
    void closeDeletesTheChannelEndsTheSubscriberAndLeavesNoExchangeOpen() throws Exception {
        start(TrickleTestServer.plain());
        server.trickle.createChannel("ch", "video/mp2t");
        TricklePublisher publisher =
                TricklePublisher.builder(transport, server.channelUrl("ch")).build();
        TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build();
        publisher.publish(bytes(1_000, 1)).get(10, TimeUnit.SECONDS);
        try (Segment segment = subscriber.next().get(10, TimeUnit.SECONDS)) {
            assertEquals(1_000, segment.readAllBytes().length);
        }
        // the subscriber now waits at seq 1 with a pre-fetched GET, the publisher holds a pre-connected POST
        CompletableFuture<Segment> waiting = subscriber.next();

        publisher.close();

        assertTrue(server.trickle.channel("ch").isEmpty(), "channel deleted");
        assertNull(waiting.get(10, TimeUnit.SECONDS));
        // depending on whether the DELETE or the aborted pre-connect reaches the server first
        assertTrue(
                Set.of(TrickleException.Kind.CHANNEL_GONE, TrickleException.Kind.CHANNEL_CLOSED)
                        .contains(subscriber.stats().endReason()),
                String.valueOf(subscriber.stats()));
        assertEquals(TrickleException.Kind.CLOSED, publisher.stats().terminalReason());
        subscriber.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.openConnections() == transport.idleConnections());
        TrickleException error = assertThrowsTrickle(publisher::next);
        assertEquals(TrickleException.Kind.CLOSED, error.kind());
    }

    static List<byte[]> readSegments(TrickleSubscriber subscriber, int count) throws Exception {
        List<byte[]> received = new ArrayList<>();
        while (received.size() < count) {
            try (Segment segment = subscriber.next().get(30, TimeUnit.SECONDS)) {
                if (segment == null) {
                    break;
                }
                received.add(segment.readAllBytes());
            }
        }
        return received;
    }

    static TrickleException assertThrowsTrickle(ThrowingCall call) {
        try {
            call.run();
        } catch (TrickleException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a TrickleException, got " + e, e);
        }
        throw new AssertionError("expected a TrickleException");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    private void start(TrickleTestServer server) {
        this.server = server;
        transport = NettyTransport.builder().ioThreads(2).build();
    }
}
