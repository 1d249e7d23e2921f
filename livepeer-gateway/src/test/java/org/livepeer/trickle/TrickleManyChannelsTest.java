package org.livepeer.trickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livepeer.trickle.TrickleTestServer.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;

/** Hundreds of channels, each with a publisher and a subscriber, on one small shared event loop. */
class TrickleManyChannelsTest {

    private static final int CHANNELS = 220;
    private static final int SEGMENTS = 4;
    private static final int IO_THREADS = 4;
    private static final int READER_THREADS = 8;
    private static final int SERVER_THREADS = 2;

    private final TrickleTestServer server = TrickleTestServer.plain();
    private final ExecutorService readers = Executors.newFixedThreadPool(READER_THREADS);
    private final NettyTransport transport = NettyTransport.builder()
            .ioThreads(IO_THREADS)
            .threadNamePrefix("many-channels")
            .build();

    @AfterEach
    void tearDown() {
        readers.shutdownNow();
        transport.close();
        server.close();
    }

    @Test
    void everyChannelRoundTripsWithBoundedThreads() throws Exception {
        int threadsBefore = Thread.activeCount();
        List<TricklePublisher> publishers = new ArrayList<>();
        List<TrickleSubscriber> subscribers = new ArrayList<>();
        List<Future<List<byte[]>>> received = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            String name = "ch" + c;
            server.trickle.createChannel(name, "video/mp2t");
            publishers.add(TricklePublisher.builder(transport, server.channelUrl(name))
                    .startSeq(0)
                    .build());
            TrickleSubscriber subscriber = TrickleSubscriber.builder(transport, server.channelUrl(name))
                    .startSeq(0)
                    .build();
            subscribers.add(subscriber);
            received.add(readers.submit(() -> TricklePublishSubscribeTest.readSegments(subscriber, SEGMENTS)));
        }

        List<CompletableFuture<PublishedSegment>> published = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            published.add(publishInSequence(publishers.get(c), c));
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int threadsDuring = Thread.activeCount();

        for (int c = 0; c < CHANNELS; c++) {
            List<byte[]> segments = received.get(c).get(60, TimeUnit.SECONDS);
            assertEquals(SEGMENTS, segments.size(), "channel " + c);
            for (int s = 0; s < SEGMENTS; s++) {
                assertArrayEquals(segment(c, s), segments.get(s), "channel " + c + " segment " + s);
            }
        }
        assertTrue(
                threadsDuring - threadsBefore <= IO_THREADS + READER_THREADS + SERVER_THREADS,
                "threads before " + threadsBefore + ", during " + threadsDuring);
        assertTrue(threadsNamed("many-channels") <= IO_THREADS);

        subscribers.forEach(TrickleSubscriber::close);
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        publishers.forEach(publisher -> closed.add(publisher.closeAsync()));
        CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertTrue(server.trickle.channelNames().isEmpty(), "every channel deleted");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> transport.openConnections() == transport.idleConnections());
    }

    /** Publishes the channel's segments one after the other, without blocking any thread. */
    private static CompletableFuture<PublishedSegment> publishInSequence(TricklePublisher publisher, int channel) {
        CompletableFuture<PublishedSegment> chain = CompletableFuture.completedFuture(null);
        for (int s = 0; s < SEGMENTS; s++) {
            int seq = s;
            chain = chain.thenCompose(previous -> publisher.publish(segment(channel, seq)));
        }
        return chain;
    }

    private static byte[] segment(int channel, int seq) {
        return bytes(2_000 + seq * 3_000, channel * 100L + seq);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix + "-"))
                .count();
    }
}
