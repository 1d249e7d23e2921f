package org.livepeer.trickle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livepeer.http.NettyTransport;

/**
 * When a segment write is acknowledged, against a server that accepts the publisher's connection
 * and never answers its {@code GET <channel>/next}: the segment's POST never opens, so nothing
 * written leaves the client.
 */
class SegmentWriterAckTest {

    private static final int CHUNK = SegmentWriter.COPIED_CHUNK_BYTES;

    @Test
    void copiedChunksAreAcknowledgedAtOnceUpToTheLimitAndLaterOnesWait() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
                NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            TricklePublisher publisher = TricklePublisher.builder(
                            transport, "http://127.0.0.1:" + silent.getLocalPort() + "/ai/trickle/ch")
                    .build();
            silent.setSoTimeout(10_000);
            SegmentWriter writer = publisher.next();
            try (Socket nextRequest = silent.accept()) {
                byte[] chunk = new byte[CHUNK];
                List<CompletableFuture<Void>> acknowledged = new ArrayList<>();
                for (int written = 0; written + CHUNK <= SegmentUpload.MAX_UNSENT_BYTES; written += CHUNK) {
                    acknowledged.add(writer.write(chunk));
                }
                CompletableFuture<Void> pastTheLimit = writer.write(chunk);
                CompletableFuture<Void> notCopied = writer.write(new byte[CHUNK + 1]);

                acknowledged.forEach(ack -> assertTrue(ack.isDone() && !ack.isCompletedExceptionally()));
                assertFalse(pastTheLimit.isDone());
                assertFalse(notCopied.isDone());

                publisher.closeAsync();
                ExecutionException failed =
                        assertThrows(ExecutionException.class, () -> pastTheLimit.get(10, TimeUnit.SECONDS));
                assertTrue(failed.getCause() instanceof TrickleException, failed.toString());
                assertThrows(ExecutionException.class, () -> notCopied.get(10, TimeUnit.SECONDS));
                assertThrows(ExecutionException.class, () -> writer.result().get(10, TimeUnit.SECONDS));
            }
        }
    }
}
