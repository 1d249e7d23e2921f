package org.livepeer.simulator.trickle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.bytes;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.concat;
import static org.livepeer.simulator.trickle.TricklePublishSubscribeTest.header;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process publisher and subscriber, against HTTP clients on the other side. */
class TrickleLocalApiTest {

    private TrickleFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void localPublisherStreamsToHttpSubscribers() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("out", "video/mp2t");
        LocalPublisher publisher = channel.publisher();
        assertEquals(0, publisher.writeSegment(bytes(2_000, 0)));

        HttpResponse<byte[]> first = fixture.getBytes("out/0");
        assertArrayEquals(bytes(2_000, 0), first.body());
        assertEquals("video/mp2t", header(first, "Content-Type"));

        try (SegmentWriter writer = publisher.beginSegment()) {
            assertEquals(1, writer.seq());
            writer.write(bytes(100, 1));
            HttpResponse<InputStream> response = fixture.subscribe("out/1").get(10, TimeUnit.SECONDS);
            try (InputStream body = response.body()) {
                assertArrayEquals(bytes(100, 1), body.readNBytes(100));
                writer.write(bytes(50, 2));
                writer.end();
                assertArrayEquals(bytes(50, 2), body.readAllBytes());
            }
        }
        assertEquals(2, channel.segmentsPublished());
        assertEquals(2_150, channel.bytesPublished());
        assertEquals("2", fixture.get("out/next").body());
    }

    @Test
    void localPublisherRefusesSegmentsWrittenByOthers() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("out", "");
        LocalPublisher late = channel.publisher();
        fixture.publish("out/0", bytes(10, 0));
        assertThrows(IllegalStateException.class, late::beginSegment);

        fixture.trickle.closeChannel("out");
        assertThrows(IllegalStateException.class, channel.publisher()::beginSegment);
    }

    @Test
    void subscriptionFollowsHttpPublishedSegmentsUntilTheChannelCloses() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("in", "video/mp2t");
        RecordingListener listener = new RecordingListener();
        Subscription subscription = channel.subscribe(-1, listener);
        assertEquals(0, subscription.currentSeq());

        for (int seq = 0; seq < 3; seq++) {
            try (RawHttpConnection publisher = fixture.connect()) {
                publisher.startChunkedRequest("POST", TrickleFixture.path("in/" + seq), Map.of());
                publisher.sendChunk(bytes(300, seq));
                publisher.sendChunk(bytes(200, seq + 10));
                publisher.endBody();
                assertEquals(200, publisher.readResponse().status());
            }
        }
        await().until(() -> listener.ended.size() == 3);
        for (int seq = 0; seq < 3; seq++) {
            assertArrayEquals(concat(bytes(300, seq), bytes(200, seq + 10)), listener.data(seq));
        }
        assertEquals(List.of(0L, 1L, 2L), listener.started);
        assertEquals(List.of(0L, 1L, 2L), listener.ended);
        assertEquals(3, subscription.currentSeq(), "waiting at the live edge");

        fixture.trickle.closeChannel("in");
        assertTrue(listener.closed.await(10, TimeUnit.SECONDS));
        assertEquals(0, channel.activeSubscribers());
        assertEquals(0, fixture.trickle.heldBytes());
    }

    @Test
    void subscriptionThatFellBehindContinuesAtTheLiveEdge() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("in", "");
        LocalPublisher publisher = channel.publisher();
        for (int seq = 0; seq < 8; seq++) {
            publisher.writeSegment(bytes(10, seq));
        }
        RecordingListener listener = new RecordingListener();
        Subscription subscription = channel.subscribe(0, listener);
        assertEquals(8, subscription.currentSeq());

        publisher.writeSegment(bytes(10, 8));
        await().until(() -> listener.ended.size() == 1);
        assertEquals(List.of(8L), listener.started);
        assertArrayEquals(bytes(10, 8), listener.data(8));
    }

    @Test
    void subscriptionAheadOfTheWriterWaitsForIt() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("in", "");
        RecordingListener listener = new RecordingListener();
        channel.subscribe(3, listener);
        LocalPublisher publisher = channel.publisher();
        for (int seq = 0; seq < 4; seq++) {
            publisher.writeSegment(bytes(10, seq));
        }
        await().until(() -> listener.ended.size() == 1);
        assertEquals(List.of(3L), listener.started);
    }

    @Test
    void cancelledSubscriptionHearsNothingMoreAndLetsGo() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("in", "");
        RecordingListener listener = new RecordingListener();
        LocalPublisher publisher = channel.publisher();
        Subscription subscription = channel.subscribe(-1, listener);
        try (SegmentWriter writer = publisher.beginSegment()) {
            writer.write(bytes(10, 0));
            assertEquals(1, channel.activeSubscribers());
            subscription.cancel();
            assertEquals(0, channel.activeSubscribers());
            writer.write(bytes(10, 1));
        }
        publisher.writeSegment(bytes(10, 2));
        assertEquals(List.of(0L), listener.started);
        assertArrayEquals(bytes(10, 0), listener.data(0));
        assertTrue(listener.ended.isEmpty());
    }

    @Test
    void subscriptionMayDeliverOnItsOwnExecutor() throws Exception {
        fixture = new TrickleFixture();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            TrickleChannel channel = fixture.trickle.createChannel("in", "");
            RecordingListener listener = new RecordingListener();
            channel.subscribe(-1, listener, executor);
            channel.publisher().writeSegment(bytes(64, 0));
            await().until(() -> listener.ended.size() == 1);
            assertArrayEquals(bytes(64, 0), listener.data(0));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void httpSubscriberLeavingMidSegmentIsDetached() throws Exception {
        fixture = new TrickleFixture();
        TrickleChannel channel = fixture.trickle.createChannel("out", "");
        try (SegmentWriter writer = channel.publisher().beginSegment()) {
            writer.write(bytes(100, 0));
            try (RawHttpConnection subscriber = fixture.connect()) {
                subscriber.sendRequest("GET", TrickleFixture.path("out/0"), Map.of(), new byte[0]);
                assertEquals(200, subscriber.readHead().status());
                assertArrayEquals(bytes(100, 0), subscriber.readBodyPart());
                assertEquals(1, channel.activeSubscribers());
            }
            await().until(() -> channel.activeSubscribers() == 0);
            writer.write(bytes(100, 1));
        }
        assertEquals(1, channel.segmentsPublished());
    }

    /** Records what a subscription delivers. */
    private static final class RecordingListener implements SegmentListener {
        final List<Long> started = new CopyOnWriteArrayList<>();
        final List<Long> ended = new CopyOnWriteArrayList<>();
        final Map<Long, ByteArrayOutputStream> bytes = new ConcurrentHashMap<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onSegmentStart(long seq) {
            started.add(seq);
        }

        @Override
        public void onChunk(long seq, ByteBuf chunk) {
            bytes.computeIfAbsent(seq, key -> new ByteArrayOutputStream()).writeBytes(ByteBufUtil.getBytes(chunk));
        }

        @Override
        public void onSegmentEnd(long seq) {
            ended.add(seq);
        }

        @Override
        public void onChannelClosed() {
            closed.countDown();
        }

        byte[] data(long seq) {
            return bytes.get(seq).toByteArray();
        }
    }
}
