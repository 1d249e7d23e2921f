package org.livepeer.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.trickle.TricklePublishSubscribeTest.assertThrowsTrickle;
import static org.livepeer.trickle.TrickleTestServer.bytes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.trickle.TrickleChannel;

/** How a publisher fails: which failures it retries, which end it, and what the caller sees. */
class TricklePublisherFailureTest {

    private TrickleTestServer server;
    private NettyTransport transport;

    @BeforeEach
    void setUp() {
        server = TrickleTestServer.plain();
        transport = NettyTransport.builder().ioThreads(2).build();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        server.close();
    }

    @Test
    void notFoundIsTerminalAndLaterWritesFailNamingTheChannel() throws Exception {
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("missing"))
                .startSeq(0)
                .build()) {
            // a warm connection carries the POST, so its body follows the head at once; the server
            // answers 404 on the head and closes while the body is still going out: its answer,
            // not the broken write, decides
            transport
                    .send(org.livepeer.http.HttpRequest.builder(
                                    "GET", java.net.URI.create(server.channelUrl("missing") + "/0"))
                            .build())
                    .get(10, TimeUnit.SECONDS);
            TrickleException first = failure(publisher.publish(bytes(1_000, 1)));
            assertEquals(TrickleException.Kind.CHANNEL_GONE, first.kind());
            assertTrue(first.getMessage().contains(server.channelUrl("missing") + "/0"), first.getMessage());

            TrickleException later = assertThrowsTrickle(publisher::next);
            assertEquals(TrickleException.Kind.CHANNEL_GONE, later.kind());
            assertTrue(later.getMessage().contains(server.channelUrl("missing")), later.getMessage());
            assertEquals(TrickleException.Kind.CHANNEL_GONE, publisher.stats().terminalReason());
            assertEquals(0, publisher.stats().retries());
        }
    }

    @Test
    void notFoundOnNextIsTerminal() throws Exception {
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("missing"))
                .build()) {
            assertEquals(
                    TrickleException.Kind.CHANNEL_GONE,
                    failure(publisher.publish(new byte[] {1})).kind());
            assertEquals(
                    TrickleException.Kind.CHANNEL_GONE,
                    assertThrowsTrickle(publisher::next).kind());
        }
    }

    @Test
    void consecutiveFailuresMakeThePublisherTerminal() throws Exception {
        server.trickle.createChannel("ch", "video/mp2t");
        server.http.faults().add(FaultRule.on("POST", ".*/ch/\\d+").respond(500, "broken"));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .maxConsecutiveFailures(3)
                .build()) {
            for (int i = 0; i < 3; i++) {
                TrickleException error = failure(publisher.publish(bytes(100, i)));
                assertEquals(TrickleException.Kind.SEGMENT_FAILED, error.kind());
                // the 500, or the broken pipe when the server closed before the body was written
                assertTrue(error.getMessage().contains(server.channelUrl("ch") + "/" + i), error.getMessage());
            }
            TrickleException terminal = assertThrowsTrickle(publisher::next);
            assertEquals(TrickleException.Kind.TOO_MANY_FAILURES, terminal.kind());
            assertTrue(terminal.getMessage().contains(server.channelUrl("ch")), terminal.getMessage());
            assertTrue(terminal.getMessage().contains("3 segments failed in a row"), terminal.getMessage());

            PublisherStats stats = publisher.stats();
            assertEquals(3, stats.segmentsFailed());
            assertEquals(TrickleException.Kind.TOO_MANY_FAILURES, stats.terminalReason());
        }
    }

    @Test
    void aSuccessResetsTheFailureCount() throws Exception {
        server.trickle.createChannel("ch", "video/mp2t");
        server.http.faults().add(FaultRule.on("POST", ".*/ch/[01]").respond(500, "broken"));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .maxConsecutiveFailures(3)
                .build()) {
            failure(publisher.publish(bytes(100, 0)));
            failure(publisher.publish(bytes(100, 1)));
            assertEquals(2, publisher.stats().consecutiveFailures());
            assertEquals(
                    2,
                    publisher.publish(bytes(100, 2)).get(10, TimeUnit.SECONDS).seq());
            assertEquals(0, publisher.stats().consecutiveFailures());
            assertEquals(
                    3,
                    publisher.publish(bytes(100, 3)).get(10, TimeUnit.SECONDS).seq());
        }
    }

    @Test
    void segmentIsRetriedOnceWhenTheServerConsumedNoneOfItsBody() throws Exception {
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        FaultRule refused = server.http
                .faults()
                .add(FaultRule.on("POST", ".*/ch/0").times(1).respond(503, "busy"));
        byte[] data = bytes(50_000, 7);

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build()) {
            SegmentWriter writer = publisher.next();
            // the server answers the head at once; the second POST is on its way before any data
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.stats().retries() == 1);
            writer.write(data);
            PublishedSegment published = writer.finish().get(10, TimeUnit.SECONDS);

            assertEquals(2, published.attempts());
            assertEquals(1, refused.hits());
            assertEquals(data.length, channel.bytesPublished());
            assertEquals(1, publisher.stats().segmentsCompleted());
            assertEquals(0, publisher.stats().segmentsFailed());
        }
        try (TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build()) {
            // the channel was deleted on close
            assertEquals(null, subscriber.next().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void segmentLostMidBodyIsReportedFailedAndNotResent() throws Exception {
        server.trickle.createChannel("ch", "video/mp2t");
        FaultRule drop =
                server.http.faults().add(FaultRule.on("POST", ".*/ch/0").dropRequestAfter(1_000));

        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .build()) {
            SegmentWriter writer = publisher.next();
            writer.write(bytes(5_000, 9)).get(10, TimeUnit.SECONDS);
            TrickleException error = failure(writer.finish());

            assertEquals(TrickleException.Kind.SEGMENT_FAILED, error.kind());
            assertTrue(error.getMessage().contains(server.channelUrl("ch") + "/0"), error.getMessage());
            assertEquals(1, drop.hits());
            assertEquals(0, publisher.stats().retries());
            assertEquals(1, publisher.stats().segmentsFailed());
            // the publisher goes on with the next seq
            assertEquals(
                    1,
                    publisher.publish(bytes(100, 10)).get(10, TimeUnit.SECONDS).seq());
        }
    }

    @Test
    void abortedSegmentFailsItsWritesAndDoesNotCountTowardsTheLimit() throws Exception {
        server.trickle.createChannel("ch", "video/mp2t");
        try (TricklePublisher publisher = TricklePublisher.builder(transport, server.channelUrl("ch"))
                .startSeq(0)
                .maxConsecutiveFailures(1)
                .build()) {
            SegmentWriter writer = publisher.next();
            writer.write(bytes(1_000, 1)).get(10, TimeUnit.SECONDS);
            writer.abort();
            assertEquals(TrickleException.Kind.CLOSED, failure(writer.result()).kind());
            assertEquals(
                    TrickleException.Kind.CLOSED,
                    failure(writer.write(new byte[] {1})).kind());
            assertEquals(
                    1,
                    publisher.publish(bytes(100, 2)).get(10, TimeUnit.SECONDS).seq());
        }
    }

    static TrickleException failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(TrickleException.class, e.getCause());
        }
        throw new AssertionError("expected a failure");
    }
}
