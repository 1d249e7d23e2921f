package org.livepeer.simulator.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TricklePublishSubscribeTest {

    private TrickleFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void publishedSegmentIsServedByteExactWithHeaders() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "video/mp2t");
        byte[] first = bytes(70_000, 1);
        byte[] second = bytes(40_000, 2);
        byte[] third = bytes(3, 3);

        RawHttpConnection.Response published;
        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            publisher.sendChunk(first);
            publisher.sendChunk(second);
            publisher.sendChunk(third);
            publisher.endBody();
            published = publisher.readResponse();
        }
        assertEquals(200, published.status());
        assertEquals("0", published.header(TrickleHeaders.SEQ));

        HttpResponse<byte[]> segment = fixture.getBytes("ch/0");
        assertEquals(200, segment.statusCode());
        assertArrayEquals(concat(first, second, third), segment.body());
        assertEquals("0", header(segment, TrickleHeaders.SEQ));
        assertEquals("1", header(segment, TrickleHeaders.LATEST));
        assertEquals("video/mp2t", header(segment, "Content-Type"));

        TrickleChannel channel = fixture.trickle.channel("ch").orElseThrow();
        assertEquals(1, channel.segmentsPublished());
        assertEquals(110_003, channel.bytesPublished());
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void subscriberReceivesPartialSegmentWhilePublisherIsStillWriting(boolean tls) throws Exception {
        fixture = new TrickleFixture(TrickleConfig.defaults(), tls);
        fixture.trickle.createChannel("ch", "video/mp2t");
        byte[] head = bytes(5_000, 4);
        byte[] tail = bytes(9_000, 5);

        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/0"), Map.of());
            publisher.sendChunk(head);

            HttpResponse<InputStream> response = fixture.subscribe("ch/0").get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("0", header(response, TrickleHeaders.SEQ));
            try (InputStream body = response.body()) {
                // the publisher has not sent the rest yet: these bytes can only be the partial segment
                assertArrayEquals(head, body.readNBytes(head.length));

                publisher.sendChunk(tail);
                publisher.endBody();
                assertArrayEquals(tail, body.readAllBytes());
            }
            RawHttpConnection.Response published = publisher.readResponse();
            assertEquals(200, published.status());
            assertEquals("0", published.header(TrickleHeaders.SEQ));
        }
    }

    @Test
    void minusOneWaitsForTheNextSegmentToBeWritten() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "video/mp2t");
        fixture.publish("ch/0", bytes(10, 6));

        CompletableFuture<HttpResponse<InputStream>> subscriber = fixture.subscribe("ch/-1");
        await().until(() -> channel.activeSubscribers() == 1);
        assertFalse(subscriber.isDone(), "the head is only sent with the first bytes");

        byte[] next = bytes(1_000, 7);
        assertEquals(200, fixture.publish("ch/1", next).status());

        HttpResponse<InputStream> response = subscriber.get(10, TimeUnit.SECONDS);
        assertEquals("1", header(response, TrickleHeaders.SEQ));
        assertNull(header(response, TrickleHeaders.LATEST), "Latest is only sent when it differs from Seq");
        try (InputStream body = response.body()) {
            assertArrayEquals(next, body.readAllBytes());
        }
    }

    @Test
    void minusTwoReadsTheSegmentBeingWritten() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "video/mp2t");
        fixture.publish("ch/0", bytes(10, 8));
        byte[] head = bytes(300, 9);
        byte[] tail = bytes(200, 10);

        try (RawHttpConnection publisher = fixture.connect()) {
            publisher.startChunkedRequest("POST", TrickleFixture.path("ch/1"), Map.of());
            publisher.sendChunk(head);
            await().until(() -> fixture.trickle.channel("ch").orElseThrow().nextSeq() == 2);

            HttpResponse<InputStream> response = fixture.subscribe("ch/-2").get(10, TimeUnit.SECONDS);
            assertEquals("1", header(response, TrickleHeaders.SEQ));
            assertEquals("2", header(response, TrickleHeaders.LATEST));
            try (InputStream body = response.body()) {
                assertArrayEquals(head, body.readNBytes(head.length));
                publisher.sendChunk(tail);
                publisher.endBody();
                assertArrayEquals(tail, body.readAllBytes());
            }
            assertEquals(200, publisher.readResponse().status());
        }
    }

    @Test
    void minusTwoOnANewChannelWaitsForSegmentZero() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        CompletableFuture<HttpResponse<InputStream>> subscriber = fixture.subscribe("ch/-2");
        await().until(() -> channel.activeSubscribers() == 1);

        fixture.publish("ch/0", bytes(50, 11));
        HttpResponse<InputStream> response = subscriber.get(10, TimeUnit.SECONDS);
        assertEquals("0", header(response, TrickleHeaders.SEQ));
        try (InputStream body = response.body()) {
            assertArrayEquals(bytes(50, 11), body.readAllBytes());
        }
    }

    @Test
    void seqOneMayBeAwaitedBeforeAnythingWasWritten() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("ch", "");
        CompletableFuture<HttpResponse<InputStream>> subscriber = fixture.subscribe("ch/1");
        await().until(() -> channel.activeSubscribers() == 1);

        fixture.publish("ch/0", bytes(5, 12));
        fixture.publish("ch/1", bytes(6, 13));
        HttpResponse<InputStream> response = subscriber.get(10, TimeUnit.SECONDS);
        assertEquals("1", header(response, TrickleHeaders.SEQ));
        try (InputStream body = response.body()) {
            assertArrayEquals(bytes(6, 13), body.readAllBytes());
        }
        assertEquals(470, fixture.get("ch/3").statusCode(), "only seq 1 gets that grace");
    }

    @Test
    void segmentsOutsideTheWindowOrAheadOfTheWriterAre470() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        for (int seq = 0; seq < 7; seq++) {
            assertEquals(200, fixture.publish("ch/" + seq, bytes(100, seq)).status());
        }

        HttpResponse<String> behind = fixture.get("ch/1");
        assertEquals(470, behind.statusCode());
        assertEquals("1", header(behind, TrickleHeaders.SEQ));
        assertEquals("7", header(behind, TrickleHeaders.LATEST));
        assertEquals("Entry not found", behind.body());

        HttpResponse<String> ahead = fixture.get("ch/9");
        assertEquals(470, ahead.statusCode());
        assertEquals("9", header(ahead, TrickleHeaders.SEQ));
        assertEquals("7", header(ahead, TrickleHeaders.LATEST));

        HttpResponse<byte[]> oldestKept = fixture.getBytes("ch/2");
        assertEquals(200, oldestKept.statusCode());
        assertArrayEquals(bytes(100, 2), oldestKept.body());
        assertEquals("7", header(oldestKept, TrickleHeaders.LATEST));
    }

    @Test
    void missingChannelIs404() throws Exception {
        fixture = new TrickleFixture();
        assertEquals(404, fixture.get("nope/0").statusCode());
        assertEquals(404, fixture.get("nope/-1").statusCode());
        assertEquals(404, fixture.get("nope/next").statusCode());
        assertEquals(404, fixture.send("DELETE", "nope/0").statusCode());
        assertEquals(400, fixture.send("DELETE", "nope").statusCode());
        assertEquals(404, fixture.send("POST", "nope").statusCode(), "publishers may not create channels");

        RawHttpConnection.Response post = fixture.publish("nope/0", bytes(10, 14));
        assertEquals(404, post.status());
        assertEquals("close", post.header("Connection"));
        assertEquals(0, fixture.trickle.channelNames().size());
    }

    @Test
    void malformedRequestsAreRejected() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        assertEquals(400, fixture.get("ch/abc").statusCode());
        assertEquals(400, fixture.get("ch/-3").statusCode());
        assertEquals(400, fixture.publish("ch/-2", bytes(1, 1)).status());
        assertEquals(405, fixture.get("ch").statusCode());
        assertEquals(404, fixture.get("ch/0/extra").statusCode());
    }

    @Test
    void nextReportsTheSeqToBeWritten() throws Exception {
        fixture = new TrickleFixture();
        fixture.trickle.createChannel("ch", "");
        HttpResponse<String> fresh = fixture.get("ch/next");
        assertEquals(200, fresh.statusCode());
        assertEquals("0", fresh.body());
        assertEquals("0", header(fresh, TrickleHeaders.LATEST));

        fixture.publish("ch/0", bytes(1, 1));
        fixture.publish("ch/1", bytes(1, 2));
        HttpResponse<String> later = fixture.get("ch/next");
        assertEquals("2", later.body());
        assertEquals("2", header(later, TrickleHeaders.LATEST));
        assertNull(header(later, TrickleHeaders.CLOSED));
    }

    static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
