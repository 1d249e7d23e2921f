package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The body stream's hand-over from the event loop to the reader, without a socket. */
class BodyStreamTest {

    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final BodyStream.Flow flow = new BodyStream.Flow() {
        @Override
        public void resume() {
            resumed.incrementAndGet();
        }

        @Override
        public void cancel() {
            cancelled.incrementAndGet();
        }
    };

    @Test
    void chunksOfferedWhileTheReaderCopiesAreReadInOrder() throws IOException {
        BodyStream body = new BodyStream(1 << 20, flow, "GET /t");
        body.offer(bytes(0, 5));
        body.offer(bytes(5, 5));
        byte[] first = new byte[3];
        assertEquals(3, body.read(first, 0, 3));
        // arrives while the reader still holds the first two chunks
        body.offer(bytes(10, 5));
        body.end();
        byte[] rest = body.readAllBytes();

        assertArrayEquals(new byte[] {0, 1, 2}, first);
        assertArrayEquals(new byte[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, rest);
        assertEquals(-1, body.read());
        assertEquals(0, body.bufferedBytes());
    }

    @Test
    void closingReleasesChunksTheReaderTookButHasNotCopied() throws IOException {
        BodyStream body = new BodyStream(1 << 20, flow, "GET /t");
        ByteBuf taken = bytes(0, 10);
        ByteBuf waiting = bytes(10, 10);
        body.offer(taken);
        assertEquals(2, body.read(new byte[2], 0, 2));
        body.offer(waiting);

        body.close();

        assertEquals(0, taken.refCnt());
        assertEquals(0, waiting.refCnt());
        assertEquals(1, cancelled.get());
        assertThrows(TransportException.class, () -> body.read(new byte[1], 0, 1));
    }

    @Test
    void aPausedProducerResumesOnceTheReaderDrainedHalfTheCapacity() throws IOException {
        BodyStream body = new BodyStream(8, flow, "GET /t");
        assertFalse(body.offer(bytes(0, 4)));
        assertTrue(body.offer(bytes(4, 4)));

        body.read(new byte[3], 0, 3);
        assertEquals(0, resumed.get());
        body.read(new byte[1], 0, 1);

        assertEquals(1, resumed.get());
        assertFalse(body.isPaused());
        assertEquals(4, body.bufferedBytes());
    }

    @Test
    void aWaitingReaderIsWokenOnceForAllChunksOfOneSocketRead() throws Exception {
        BodyStream body = new BodyStream(1 << 20, flow, "GET /t");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            byte[] into = new byte[64];
            Future<Integer> read = reader.submit(() -> body.read(into, 0, into.length));
            await().atMost(Duration.ofSeconds(10)).until(body::isReaderWaiting);

            body.offer(bytes(0, 5));
            body.offer(bytes(5, 5));
            body.offer(bytes(10, 5));
            assertEquals(0, body.signals());
            body.flush();

            assertEquals(15, read.get(10, TimeUnit.SECONDS));
            assertEquals(1, body.signals());
            assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, Arrays.copyOf(into, 15));
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aWaitingReaderIsWokenWithoutFlushOnceSignalBytesArrived() throws Exception {
        BodyStream body = new BodyStream(1 << 20, flow, "GET /t");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> read =
                    reader.submit(() -> body.read(new byte[BodyStream.SIGNAL_BYTES], 0, BodyStream.SIGNAL_BYTES));
            await().atMost(Duration.ofSeconds(10)).until(body::isReaderWaiting);

            body.offer(Unpooled.wrappedBuffer(new byte[BodyStream.SIGNAL_BYTES / 2]));
            assertEquals(0, body.signals());
            body.offer(Unpooled.wrappedBuffer(new byte[BodyStream.SIGNAL_BYTES / 2]));

            assertEquals(BodyStream.SIGNAL_BYTES, read.get(10, TimeUnit.SECONDS));
            assertEquals(1, body.signals());
            body.flush();
            assertEquals(1, body.signals());
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void theEndWakesAWaitingReaderWithoutFlush() throws Exception {
        BodyStream body = new BodyStream(1 << 20, flow, "GET /t");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> rest = reader.submit(() -> body.readAllBytes());
            await().atMost(Duration.ofSeconds(10)).until(body::isReaderWaiting);

            body.offer(bytes(0, 3));
            body.end();

            assertArrayEquals(new byte[] {0, 1, 2}, rest.get(10, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
    }

    private static ByteBuf bytes(int from, int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (from + i);
        }
        return Unpooled.wrappedBuffer(data);
    }
}
