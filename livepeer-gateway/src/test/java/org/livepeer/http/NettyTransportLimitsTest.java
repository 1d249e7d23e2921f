package org.livepeer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;

/** Every exchange ends within its limits, whatever the server does once it has answered the head. */
class NettyTransportLimitsTest {

    private static final Duration IDLE = Duration.ofMillis(300);
    private static final Duration TOTAL = Duration.ofMillis(1_500);

    private final NettyTransport transport = NettyTransport.builder()
            .ioThreads(1)
            .responseTimeout(Duration.ofSeconds(5))
            .bodyIdleTimeout(IDLE)
            .totalTimeout(TOTAL)
            .maxInterimResponses(20)
            .build();
    private HostileServer server;

    @AfterEach
    void tearDown() {
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBodyThatStopsAfterTheHeadFailsWithAnIdleTimeout() {
        server = HostileServer.start(request -> Script.create()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")
                .stall());

        TransportException error =
                failure(transport.send(HttpRequest.get(server.baseUrl() + "/x").build()));

        assertEquals(TransportException.Kind.IDLE_TIMEOUT, error.kind());
    }

    @Test
    void aStreamedBodyThatStopsFailsItsReaderWithAnIdleTimeout() throws Exception {
        server = HostileServer.start(request -> Script.create()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")
                .stall());

        StreamingResponse response = transport
                .receive(HttpRequest.get(server.baseUrl() + "/x").build())
                .get(5, TimeUnit.SECONDS);
        TransportException error =
                assertThrows(TransportException.class, () -> response.body().readAllBytes());

        assertEquals(TransportException.Kind.IDLE_TIMEOUT, error.kind());
    }

    @Test
    void aDrippingBodyFailsWithTheTotalTimeout() {
        server = HostileServer.start(request -> Script.create()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                .repeat("x", Duration.ofMillis(20)));

        TransportException error =
                failure(transport.send(HttpRequest.get(server.baseUrl() + "/x").build()));

        assertEquals(TransportException.Kind.TOTAL_TIMEOUT, error.kind());
    }

    @Test
    void aRequestsOwnLimitsWinOverTheTransportDefaults() {
        server = HostileServer.start(request -> Script.create()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                .repeat("x", Duration.ofMillis(20)));

        TransportException error = failure(transport.send(HttpRequest.get(server.baseUrl() + "/x")
                .idleTimeout(Duration.ofMillis(5))
                .totalTimeout(Duration.ofSeconds(30))
                .build()));

        assertEquals(TransportException.Kind.IDLE_TIMEOUT, error.kind());
    }

    @Test
    void aFloodOfInterimResponsesFailsAsAProtocolError() {
        server = HostileServer.start(
                request -> Script.create().repeat("HTTP/1.1 100 Continue\r\n\r\n", Duration.ofMillis(1)));

        TransportException error =
                failure(transport.send(HttpRequest.get(server.baseUrl() + "/x").build()));

        assertEquals(TransportException.Kind.PROTOCOL_ERROR, error.kind());
        assertTrue(error.getMessage().contains("interim"), error.getMessage());
    }

    @Test
    void anUploadTheServerStopsTakingFailsWithAnIdleTimeout() throws Exception {
        server = HostileServer.start(
                request -> Script.create().onHead().stopReading().stall());
        StreamingRequest upload = transport.open(HttpRequest.post(server.baseUrl() + "/upload")
                .totalTimeout(Duration.ofSeconds(30))
                .build());
        byte[] chunk = new byte[256 * 1024];

        boolean writeFailed = false;
        for (int i = 0; i < 4096 && !writeFailed; i++) {
            try {
                upload.write(chunk).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                writeFailed = true;
            }
        }

        assertTrue(writeFailed);
        assertEquals(
                TransportException.Kind.IDLE_TIMEOUT, failure(upload.response()).kind());
    }

    @Test
    void aHugeErrorBodyIsCutToItsFirstBytes() throws Exception {
        String huge = "e".repeat(5 << 20);
        server = HostileServer.start(request -> Script.respond(500, "text/plain", huge));

        HttpResponse response = transport
                .send(HttpRequest.get(server.baseUrl() + "/x")
                        .totalTimeout(Duration.ofSeconds(30))
                        .build())
                .get(30, TimeUnit.SECONDS);

        assertEquals(500, response.status());
        assertEquals(BufferedExchange.MAX_ERROR_BODY_BYTES, response.body().length);
    }

    @Test
    void aCompletionCallbackOnTheEventLoopCanReadTheWholeStreamedBody() throws Exception {
        server = HostileServer.start(request -> Script.respond(503, "text/plain", "busy"));

        StreamingResponse response = transport
                .receive(HttpRequest.get(server.baseUrl() + "/x").build())
                .get(5, TimeUnit.SECONDS);
        String body = response.completion()
                .thenApply(done -> {
                    try {
                        return new String(response.body().readAllBytes());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .get(5, TimeUnit.SECONDS);

        assertEquals("busy", body);
    }

    private static TransportException failure(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(TransportException.class, error.getCause());
    }
}
