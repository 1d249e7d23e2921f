package org.livepeer.simulator.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.bytes;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.header;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating, closing, sweeping channels and segments; the window and the memory it holds. */
class TrickleChannelLifecycleTest {

    private TrickleFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void publishersCreateChannelsOnlyWhenAutoCreateIsOn() throws Exception {
        fixture = new TrickleFixture(TrickleConfig.defaults().withAutoCreate(true), false);
        RawHttpConnection.Response created;
        try (RawHttpConnection connection = fixture.connect()) {
            connection.sendRequest(
                    "POST",
                    TrickleFixture.path("made"),
                    Map.of(TrickleHeaders.EXPECT_CONTENT, "video/mp2t"),
                    new byte[0]);
            created = connection.readResponse();
        }
        assertEquals(200, created.status());
        assertEquals("video/mp2t", fixture.trickle.channel("made").orElseThrow().mimeType());

        try (RawHttpConnection connection = fixture.connect()) {
            connection.startChunkedRequest("POST", TrickleFixture.path("auto/0"), Map.of("Content-Type", "audio/ogg"));
            connection.sendChunk(bytes(10, 1));
            connection.endBody();
            assertEquals(200, connection.readResponse().status());
        }
        HttpResponse<byte[]> segment = fixture.getBytes("auto/0");
        assertEquals("audio/ogg", header(segment, "Content-Type"));
        assertArrayEquals(bytes(10, 1), segment.body());
    }

    @Test
    void deletingAChannelEndsWaitingSubscribersAndPublishersThen404() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        AtomicBoolean closedListener = new AtomicBoolean();
        channel.onClose(() -> closedListener.set(true));
        fixture.publish("ch/0", bytes(10, 0));

        CompletableFuture<HttpResponse<InputStream>> waiting = fixture.subscribe("ch/-1");
        RawHttpConnection preconnected = fixture.connect();
        preconnected.startChunkedRequest("POST", TrickleFixture.path("ch/1"), Map.of());
        await().until(() -> channel.activeSubscribers() == 1);

        assertEquals(200, fixture.send("DELETE", "ch").statusCode());

        HttpResponse<InputStream> ended = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, ended.statusCode());
        assertEquals(TrickleHeaders.TERMINATED, header(ended, TrickleHeaders.CLOSED));
        assertEquals("1", header(ended, TrickleHeaders.SEQ));
        ended.body().close();

        RawHttpConnection.Response publisherAnswer = preconnected.readResponse();
        assertEquals(200, publisherAnswer.status());
        assertEquals("1", publisherAnswer.header(TrickleHeaders.SEQ));
        assertEquals(TrickleHeaders.TERMINATED, publisherAnswer.header(TrickleHeaders.CLOSED));

        assertTrue(closedListener.get());
        assertTrue(channel.isClosed());
        assertEquals(404, fixture.get("ch/0").statusCode());
        assertEquals(404, fixture.get("ch/next").statusCode());
        assertEquals(404, fixture.publish("ch/1", bytes(1, 1)).status());
        assertEquals(0, fixture.trickle.heldBytes());
    }

    @Test
    void deletingAChannelLetsAMidSegmentSubscriberFinishWithWhatWasWritten() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        byte[] head = bytes(1_000, 1);
        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            publisher.sendChunk(head);
            HttpResponse<InputStream> response = fixture.subscribe("ch/0").get(10, TimeUnit.SECONDS);
            try (InputStream body = response.body()) {
                assertArrayEquals(head, body.readNBytes(head.length));
                assertEquals(200, fixture.send("DELETE", "ch").statusCode());
                assertEquals(0, body.readAllBytes().length);
            }
            publisher.sendChunk(bytes(10, 2));
            publisher.endBody();
            assertEquals(200, publisher.readResponse().status());
        }
        assertEquals(404, fixture.get("ch/1").statusCode());
    }

    @Test
    void deletingASegmentEndsItsSubscribersButNotItsPublisher() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        byte[] head = bytes(1_000, 1);
        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            publisher.sendChunk(head);
            HttpResponse<InputStream> response = fixture.subscribe("ch/0").get(10, TimeUnit.SECONDS);
            try (InputStream body = response.body()) {
                assertArrayEquals(head, body.readNBytes(head.length));
                assertEquals(200, fixture.send("DELETE", "ch/0").statusCode());
                assertEquals(0, body.readAllBytes().length);
            }
            publisher.sendChunk(bytes(10, 2));
            publisher.endBody();
            RawHttpConnection.Response answer = publisher.readResponse();
            assertEquals(200, answer.status());
            assertEquals("0", answer.header(TrickleHeaders.SEQ));
        }
        assertArrayEquals(head, fixture.getBytes("ch/0").body(), "bytes after the close are dropped");
        assertFalse(channel.isClosed());

        assertEquals(400, fixture.send("DELETE", "ch/3").statusCode());
        assertEquals(400, fixture.send("DELETE", "ch/x").statusCode());
    }

    @Test
    void windowKeepsTheLastSegmentsAndReleasesEvictedOnes() throws Exception {
        fixture = new TrickleFixture(TrickleConfig.defaults().withWindowSize(3), false);
        fixture.trickle.createChannel("ch", "");
        for (int seq = 0; seq < 6; seq++) {
            fixture.publish("ch/" + seq, bytes(1_000, seq));
        }
        assertEquals(3_000, fixture.trickle.heldBytes());
        assertEquals(470, fixture.get("ch/2").statusCode());
        for (int seq = 3; seq < 6; seq++) {
            assertArrayEquals(bytes(1_000, seq), fixture.getBytes("ch/" + seq).body());
        }
        assertEquals(6, fixture.trickle.channel("ch").orElseThrow().segmentsPublished());

        fixture.trickle.closeChannel("ch");
        assertEquals(0, fixture.trickle.heldBytes());
    }

    @Test
    void idleChannelsAreSweptButInternalOnesAreNot() throws Exception {
        TrickleConfig config = TrickleConfig.defaults()
                .withIdleTimeout(Duration.ofMillis(200))
                .withSweepInterval(Duration.ofMillis(50));
        fixture = new TrickleFixture(config, false);
        fixture.trickle.createChannel("idle", "");
        fixture.trickle.createChannel("_changes", "application/json");
        fixture.trickle.channel("idle").orElseThrow().publisher().writeSegment(bytes(10, 1));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> fixture.trickle.channel("idle").isEmpty());
        assertEquals(404, fixture.get("idle/next").statusCode());
        assertTrue(fixture.trickle.channel("_changes").isPresent());
        assertEquals(0, fixture.trickle.heldBytes());
    }

    @Test
    void closingTheServerClosesEveryChannel() throws Exception {
        fixture = new TrickleFixture(TrickleConfig.defaults(), true);
        TrickleChannel first = fixture.trickle.createChannel("a", "");
        fixture.trickle.createChannel("b", "");
        fixture.publish("b/0", bytes(500, 1));
        CompletableFuture<HttpResponse<InputStream>> waiting = fixture.subscribe("a/-1");
        await().until(() -> first.activeSubscribers() == 1);

        fixture.trickle.close();

        HttpResponse<InputStream> ended = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(TrickleHeaders.TERMINATED, header(ended, TrickleHeaders.CLOSED));
        ended.body().close();
        assertTrue(fixture.trickle.channelNames().isEmpty());
        assertEquals(0, fixture.trickle.heldBytes());
        assertNull(fixture.trickle.channel("b").orElse(null));
        assertEquals(404, fixture.get("b/0").statusCode());
    }
}
