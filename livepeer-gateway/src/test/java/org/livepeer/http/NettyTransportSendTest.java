package org.livepeer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.http.HttpHandler;

class NettyTransportSendTest {

    private TestServer server;
    private NettyTransport transport;

    @BeforeEach
    void setUp() {
        server = new TestServer(false);
        server.router.exact("GET", "/hello", call -> {
            call.respond(
                    HttpResponseStatus.OK,
                    "text/plain",
                    "hello".getBytes(StandardCharsets.UTF_8),
                    new DefaultHttpHeaders().set("X-Seen-Host", call.header("Host")));
            return org.livepeer.simulator.http.BodyConsumer.IGNORE;
        });
        server.router.exact("POST", "/echo", HttpHandler.buffered(1 << 20, (call, body) -> {
            io.netty.handler.codec.http.HttpHeaders headers = new DefaultHttpHeaders()
                    .set("X-Content-Length", String.valueOf(call.header("Content-Length")))
                    .set("X-Token", String.valueOf(call.header("X-Token")));
            call.respond(HttpResponseStatus.CREATED, "application/octet-stream", ByteBufUtil.getBytes(body), headers);
        }));
        server.router.exact("GET", "/big", call -> {
            call.respond(HttpResponseStatus.OK, "application/octet-stream", new byte[10_000], null);
            return org.livepeer.simulator.http.BodyConsumer.IGNORE;
        });
        transport = NettyTransport.builder().ioThreads(2).build();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        server.close();
    }

    @Test
    void getReturnsStatusHeadersAndBody() throws Exception {
        HttpResponse response =
                transport.send(HttpRequest.get(server.url("/hello")).build()).get(10, TimeUnit.SECONDS);

        assertEquals(200, response.status());
        assertEquals("hello", response.bodyAsString());
        assertEquals("text/plain", response.header("content-type"));
        assertEquals("127.0.0.1:" + server.http.port(), response.header("x-seen-host"));
    }

    @Test
    void postSendsBodyWithLengthAndCallerHeaders() throws Exception {
        byte[] payload = new byte[70_000];
        new java.util.Random(1).nextBytes(payload);
        HttpResponse response = transport
                .send(HttpRequest.post(server.url("/echo"))
                        .header("X-Token", "abc")
                        .body(payload)
                        .build())
                .get(10, TimeUnit.SECONDS);

        assertEquals(201, response.status());
        assertArrayEquals(payload, response.body());
        assertEquals("70000", response.header("X-Content-Length"));
        assertEquals("abc", response.header("X-Token"));
    }

    @Test
    void postTakesByteBufBodyAndReleasesIt() throws Exception {
        var body = Unpooled.copiedBuffer("{\"a\":1}", StandardCharsets.UTF_8);
        HttpResponse response = transport
                .send(HttpRequest.post(server.url("/echo")).body(body).build())
                .get(10, TimeUnit.SECONDS);

        assertEquals("{\"a\":1}", response.bodyAsString());
        assertEquals(0, body.refCnt());
    }

    @Test
    void keepAliveReusesOneConnectionForSequentialRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    200,
                    transport
                            .send(HttpRequest.get(server.url("/hello")).build())
                            .get(10, TimeUnit.SECONDS)
                            .status());
            transport
                    .send(HttpRequest.post(server.url("/echo")).body("x" + i).build())
                    .get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, server.acceptedConnections());
        assertEquals(1, transport.idleConnections());
    }

    @Test
    void connectionIsNotReusedAfterServerAsksToClose() throws Exception {
        server.http
                .faults()
                .add(FaultRule.on("GET", "/closing")
                        .times(1)
                        .respond(200, "text/plain", "bye", Map.of("Connection", "close")));
        assertEquals(
                "bye",
                transport
                        .send(HttpRequest.get(server.url("/closing")).build())
                        .get(10, TimeUnit.SECONDS)
                        .bodyAsString());
        assertEquals(
                "hello",
                transport
                        .send(HttpRequest.get(server.url("/hello")).build())
                        .get(10, TimeUnit.SECONDS)
                        .bodyAsString());
        assertEquals(2, server.acceptedConnections());
    }

    @Test
    void bodyOverTheLimitFailsNamingUrlAndLimit() throws Exception {
        TransportException error = failure(transport.send(
                HttpRequest.get(server.url("/big")).maxResponseBytes(4096).build()));

        assertEquals(TransportException.Kind.BODY_TOO_LARGE, error.kind());
        assertTrue(error.getMessage().contains("GET " + server.url("/big")), error.getMessage());
        assertTrue(error.getMessage().contains("4096"), error.getMessage());
        // the connection with the unread rest of the body was not put back
        assertEquals(0, transport.idleConnections());
    }

    @Test
    void hangingServerFailsWithResponseTimeoutNamingUrl() throws Exception {
        server.http.faults().add(FaultRule.on("GET", "/hello").hang());
        TransportException error = failure(transport.send(HttpRequest.get(server.url("/hello"))
                .responseTimeout(Duration.ofMillis(300))
                .build()));

        assertEquals(TransportException.Kind.RESPONSE_TIMEOUT, error.kind());
        assertTrue(error.isTimeout());
        assertTrue(error.getMessage().contains(server.url("/hello")), error.getMessage());
    }

    @Test
    void refusedConnectionIsConnectFailed() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        TransportException error = failure(transport.send(
                HttpRequest.get("http://127.0.0.1:" + freePort + "/x").build()));

        assertEquals(TransportException.Kind.CONNECT_FAILED, error.kind());
        assertInstanceOf(java.net.ConnectException.class, error.getCause());
        assertTrue(error.getMessage().contains("127.0.0.1:" + freePort), error.getMessage());
    }

    @Test
    void droppedConnectionBeforeResponseIsConnectionClosed() throws Exception {
        server.http.faults().add(FaultRule.on("GET", "/hello").times(1).dropConnection());
        TransportException error =
                failure(transport.send(HttpRequest.get(server.url("/hello")).build()));

        assertEquals(TransportException.Kind.CONNECTION_CLOSED, error.kind());
    }

    @Test
    void messagesNeverContainHeaderValues() throws Exception {
        server.http.faults().add(FaultRule.on("GET", "/hello").hang());
        TransportException error = failure(transport.send(HttpRequest.get(server.url("/hello?token=q1"))
                .header("Authorization", "Bearer s3cr3t")
                .responseTimeout(Duration.ofMillis(200))
                .build()));

        assertFalse(error.getMessage().contains("s3cr3t"), error.getMessage());
        assertFalse(error.getMessage().contains("q1"), error.getMessage());
    }

    @Test
    void closedTransportRejectsRequests() {
        transport.close();
        TransportException error =
                failure(transport.send(HttpRequest.get(server.url("/hello")).build()));
        assertEquals(TransportException.Kind.TRANSPORT_CLOSED, error.kind());
    }

    static TransportException failure(java.util.concurrent.CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(TransportException.class, thrown.getCause());
    }
}
