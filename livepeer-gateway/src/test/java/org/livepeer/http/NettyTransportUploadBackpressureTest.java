package org.livepeer.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Write backpressure needs a peer that stops reading, which the simulator never does: a bare socket
 * that accepts and reads only when told to.
 */
class NettyTransportUploadBackpressureTest {

    @Test
    void writeFuturesWaitWhileThePeerDoesNotRead() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            StreamingRequest upload =
                    transport.open(HttpRequest.post("http://127.0.0.1:" + listener.getLocalPort() + "/upload")
                            .build());
            try (Socket peer = listener.accept()) {
                upload.connected().get(10, TimeUnit.SECONDS);

                byte[] chunk = new byte[1024 * 1024];
                CompletableFuture<Void> pending = null;
                CompletableFuture<Boolean> writableWhenCompleted = null;
                for (int i = 0; i < 1024 && pending == null; i++) {
                    CompletableFuture<Void> write = upload.write(chunk);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> write.isDone() || !upload.isConnectionWritable());
                    if (!write.isDone()) {
                        pending = write;
                        writableWhenCompleted = write.thenApply(done -> upload.isConnectionWritable());
                    }
                }
                assertTrue(pending != null, "the socket never filled up");
                assertFalse(pending.isDone());
                long sentWhileBlocked = upload.bodyBytesSent();

                AtomicLong drained = new AtomicLong();
                Thread reader = new Thread(() -> drain(peer, drained), "test-drain");
                reader.start();
                pending.get(30, TimeUnit.SECONDS);
                assertTrue(writableWhenCompleted.get(30, TimeUnit.SECONDS));
                assertTrue(upload.bodyBytesSent() > sentWhileBlocked);
                upload.abort();
                reader.join(10_000);
                assertTrue(drained.get() > 0);
            }
        }
    }

    @Test
    void cancellingTheResponseFutureDropsTheConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransport transport = NettyTransport.create()) {
            CompletableFuture<HttpResponse> response =
                    transport.send(HttpRequest.get("http://127.0.0.1:" + listener.getLocalPort() + "/never")
                            .build());
            try (Socket peer = listener.accept()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 1);
                response.cancel(true);
                await().atMost(Duration.ofSeconds(5)).until(() -> transport.openConnections() == 0);
                assertEquals(-1, readUntilClosed(peer.getInputStream()));
            }
        }
    }

    private static void drain(Socket peer, AtomicLong drained) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = peer.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                drained.addAndGet(n);
            }
        } catch (java.io.IOException e) {
            // the transport aborted the upload
        }
    }

    /** Reads (the request head) until the transport closes the connection; returns the final -1. */
    private static int readUntilClosed(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        while (n > 0) {
            n = in.read(buffer);
        }
        return n;
    }
}
