package org.livepeer.simulator.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.bytes;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.header;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.FaultRule;

/** What go-livepeer does with POSTs that repeat, go back, jump ahead, reset, wait or break off. */
class TricklePublishRulesTest {

    private TrickleFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void repeatedPostOfAFinishedSegmentIsAnsweredAtOnceAndDropped() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        fixture.publish("ch/0", bytes(10, 1));

        RawHttpConnection.Response again = fixture.publish("ch/0", bytes(20, 2));
        assertEquals(200, again.status());
        assertEquals("0", again.header(TrickleHeaders.SEQ));
        assertEquals("close", again.header("Connection"));

        assertArrayEquals(bytes(10, 1), fixture.getBytes("ch/0").body());
        assertEquals("1", fixture.get("ch/next").body());
    }

    @Test
    void postToAnOldSeqEvictsWhatIsInItsSlotAndMovesTheWriterBack() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        for (int seq = 0; seq < 7; seq++) {
            fixture.publish("ch/" + seq, bytes(10, seq));
        }
        // the window holds 2..6; seq 1 shares its slot with 6
        assertEquals(200, fixture.publish("ch/1", bytes(10, 100)).status());

        assertEquals("2", fixture.get("ch/next").body());
        assertEquals(470, fixture.get("ch/6").statusCode());
        assertArrayEquals(bytes(10, 100), fixture.getBytes("ch/1").body());
    }

    @Test
    void postAheadOfTheWriterIsAcceptedAndBecomesTheLiveEdge() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        fixture.publish("ch/0", bytes(10, 0));

        RawHttpConnection.Response ahead = fixture.publish("ch/12", bytes(10, 12));
        assertEquals(200, ahead.status());
        assertEquals("12", ahead.header(TrickleHeaders.SEQ));
        assertEquals("13", fixture.get("ch/next").body());
        assertArrayEquals(bytes(10, 0), fixture.getBytes("ch/0").body());
    }

    @Test
    void postToMinusOneWritesTheNextSeq() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        fixture.publish("ch/0", bytes(10, 0));

        RawHttpConnection.Response response = fixture.publish("ch/-1", bytes(10, 1));
        assertEquals("1", response.header(TrickleHeaders.SEQ));
        assertArrayEquals(bytes(10, 1), fixture.getBytes("ch/1").body());
    }

    @Test
    void emptyPostStillMovesTheWriterOn() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        RawHttpConnection.Response empty = fixture.publish("ch/0", new byte[0]);
        assertEquals(200, empty.status());
        assertEquals("0", empty.header(TrickleHeaders.SEQ));
        assertEquals("1", fixture.get("ch/next").body());
        assertEquals(0, fixture.trickle.channel("ch").orElseThrow().segmentsPublished());
    }

    @Test
    void resetClosesOlderSegmentsButKeepsPreconnectedOnes() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        fixture.publish("ch/0", bytes(10, 0));

        // a subscriber waits at the live edge (seq 1) and the old publisher pre-connected seq 1
        CompletableFuture<HttpResponse<InputStream>> waiting = fixture.subscribe("ch/1");
        RawHttpConnection oldPublisher = fixture.connect();
        oldPublisher.startChunkedRequest("POST", TrickleFixture.path("ch/1"), Map.of());
        // the restarted publisher pre-connects seq 4, then starts over at seq 3 with a reset
        RawHttpConnection preconnected = fixture.connect();
        preconnected.startChunkedRequest("POST", TrickleFixture.path("ch/4"), Map.of());
        await().until(() -> channel.activeSubscribers() == 1);
        awaitSegmentExists(channel, 4);
        // (whether the old publisher's POST arrives before or after the reset, its answer is the same)

        RawHttpConnection restarted = fixture.connect();
        restarted.startChunkedRequest("POST", TrickleFixture.path("ch/3"), Map.of(TrickleHeaders.RESET, "1"));
        restarted.sendChunk(bytes(30, 3));
        restarted.endBody();
        RawHttpConnection.Response afterReset = restarted.readResponse();
        assertEquals(200, afterReset.status());
        assertEquals("3", afterReset.header(TrickleHeaders.SEQ));

        HttpResponse<InputStream> unblocked = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, unblocked.statusCode());
        assertEquals("1", header(unblocked, TrickleHeaders.SEQ));
        assertNull(header(unblocked, TrickleHeaders.CLOSED));
        try (InputStream body = unblocked.body()) {
            assertEquals(0, body.readAllBytes().length);
        }

        RawHttpConnection.Response released = oldPublisher.readResponse();
        assertEquals(200, released.status());
        assertEquals("1", released.header(TrickleHeaders.SEQ));
        assertEquals("close", released.header("Connection"));

        preconnected.sendChunk(bytes(40, 4));
        preconnected.endBody();
        RawHttpConnection.Response fourth = preconnected.readResponse();
        assertEquals("4", fourth.header(TrickleHeaders.SEQ));
        assertArrayEquals(bytes(40, 4), fixture.getBytes("ch/4").body());
        assertArrayEquals(bytes(30, 3), fixture.getBytes("ch/3").body());
    }

    @Test
    void waitingPublisherGetsContinueKeepalivesUntilItsFirstByte() throws Exception {
        fixture = new TrickleFixture(TrickleConfig.defaults().withKeepaliveInterval(Duration.ofMillis(50)), false);
        fixture.trickle.createChannel("ch", "");
        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            assertEquals(100, publisher.readHead().status());
            assertEquals(100, publisher.readHead().status());

            publisher.sendChunk(bytes(10, 1));
            publisher.endBody();
            RawHttpConnection.Response response = publisher.readResponse();
            assertEquals(200, response.status());
            assertEquals("0", response.header(TrickleHeaders.SEQ));
        }
        assertArrayEquals(bytes(10, 1), fixture.getBytes("ch/0").body());
    }

    @Test
    void preconnectedPostDroppedBeforeItsFirstByteLeavesTheSegmentForTheNextPost() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        CompletableFuture<HttpResponse<InputStream>> waiting = fixture.subscribe("ch/0");
        // the connection of the pre-connected POST drops before any body byte
        fixture.http
                .faults()
                .add(FaultRule.on("POST", "/ai/trickle/ch/0").times(1).dropRequestAfter(0));
        await().until(() -> channel.activeSubscribers() == 1);
        try (RawHttpConnection preconnected = fixture.connect()) {
            preconnected.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            assertTrue(preconnected.serverClosed());
        }
        assertEquals("0", fixture.get("ch/next").body(), "a write that carried nothing does not move the channel on");

        byte[] data = bytes(3_000, 5);
        RawHttpConnection.Response retried = fixture.publish("ch/0", data);
        assertEquals(200, retried.status());
        assertEquals("0", retried.header(TrickleHeaders.SEQ));
        assertNull(retried.header("Connection"), "the body was read, so the connection stays usable");

        HttpResponse<InputStream> delivered = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, delivered.statusCode());
        try (InputStream body = delivered.body()) {
            assertArrayEquals(data, body.readAllBytes());
        }
        assertEquals(1, channel.segmentsPublished());
        assertEquals("1", fixture.get("ch/next").body());
    }

    @Test
    void publisherDroppedMidBodyClosesTheSegmentWithWhatWasWritten() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        byte[] written = bytes(2_000, 1);

        RawHttpConnection publisher = fixture.connect();
        publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
        publisher.sendChunk(written);
        HttpResponse<InputStream> response = fixture.subscribe("ch/0").get(10, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertArrayEquals(written, body.readNBytes(written.length));
            publisher.close();
            assertEquals(0, body.readAllBytes().length, "the response ends cleanly after the written bytes");
        }
        assertEquals(0, channel.segmentsPublished());
        assertArrayEquals(written, fixture.getBytes("ch/0").body(), "late subscribers get the same");
    }

    @Test
    void injectedRequestDropKeepsTheBytesBeforeTheCut() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        fixture.http.faults().add(FaultRule.on("POST", "/ai/trickle/ch/0").dropRequestAfter(700));
        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            publisher.sendChunk(bytes(500, 1));
            publisher.sendChunk(bytes(500, 2));
            assertTrue(publisher.serverClosed());
        }
        byte[] expected = TricklePublishSubscribeTest.concat(bytes(500, 1), Arrays.copyOf(bytes(500, 2), 200));
        await().untilAsserted(() ->
                assertArrayEquals(expected, fixture.getBytes("ch/0").body()));
    }

    private static void awaitSegmentExists(TrickleChannel channel, long seq) {
        await().until(() -> {
            TrickleChannel.Lookup lookup = channel.lookupForRead(seq);
            if (lookup.segment() != null) {
                lookup.segment().release();
                return true;
            }
            return false;
        });
    }
}
