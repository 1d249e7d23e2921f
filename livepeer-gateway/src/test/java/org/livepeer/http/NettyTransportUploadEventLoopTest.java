package org.livepeer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes of a streaming request made on its connection's own event loop, against a bare socket. */
class NettyTransportUploadEventLoopTest {

    @Test
    void aWriteMadeOnTheConnectionsEventLoopIsOnTheSocketBeforeWriteReturns() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            StreamingRequest upload =
                    transport.open(HttpRequest.post("http://127.0.0.1:" + listener.getLocalPort() + "/upload")
                            .build());
            try (Socket peer = listener.accept()) {
                upload.connected().get(10, TimeUnit.SECONDS);
                CompletableFuture<Long> sentWhenWriteReturned = new CompletableFuture<>();

                upload.eventLoop().execute(() -> {
                    upload.write(new byte[1000]);
                    sentWhenWriteReturned.complete(upload.bodyBytesSent());
                });

                assertEquals(1000, sentWhenWriteReturned.get(10, TimeUnit.SECONDS));
                upload.abort();
            }
        }
    }

    @Test
    void aWriteOnTheEventLoopWaitsBehindAnEarlierWriteStillQueuedForIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NettyTransport transport = NettyTransport.builder().ioThreads(1).build()) {
            StreamingRequest upload =
                    transport.open(HttpRequest.post("http://127.0.0.1:" + listener.getLocalPort() + "/upload")
                            .build());
            try (Socket peer = listener.accept()) {
                upload.connected().get(10, TimeUnit.SECONDS);
                EventLoop loop = upload.eventLoop();
                CountDownLatch firstSubmitted = new CountDownLatch(1);
                CompletableFuture<Void> secondWritten = new CompletableFuture<>();

                // the loop is busy while another thread writes "first", so that write waits as a task
                loop.execute(() -> {
                    try {
                        assertTrue(firstSubmitted.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    upload.write(bytes("second")).whenComplete((ok, error) -> secondWritten.complete(null));
                });
                upload.write(bytes("first"));
                firstSubmitted.countDown();
                secondWritten.get(10, TimeUnit.SECONDS);
                upload.finish();

                String received = readUntil(peer.getInputStream(), "0\r\n\r\n");
                assertTrue(
                        received.indexOf("first") < received.indexOf("second") && received.contains("first"), received);
                upload.abort();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder text = new StringBuilder();
        int c;
        while (!text.toString().endsWith(end) && (c = in.read()) >= 0) {
            text.append((char) c);
        }
        return text.toString();
    }
}
