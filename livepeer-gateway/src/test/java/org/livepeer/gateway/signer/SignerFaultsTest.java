package org.livepeer.gateway.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.SignerException;
import org.livepeer.gateway.ai.BatchClient;
import org.livepeer.gateway.ai.BatchSettings;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;

/** A signer that refuses, is unreachable, hangs or echoes its credentials fails visibly and briefly. */
class SignerFaultsTest {

    private static final String SECRET = "Bearer sk-signer-7f3a9c1e55";

    private final NettyTransport transport = NettyTransport.create();
    private HostileServer signer;

    @AfterEach
    void tearDown() {
        transport.close();
        if (signer != null) {
            signer.close();
        }
    }

    private RemoteSignerClient client(Duration timeout) {
        return new RemoteSignerClient(
                transport, List.of(URI.create(signer.baseUrl())), Map.of("Authorization", SECRET), null, timeout);
    }

    private static PaymentRequest payment() {
        return new PaymentRequest(
                OrchestratorInfo.newBuilder().setTranscoder("https://o:1").build(),
                "lv2v",
                0,
                "m",
                null,
                null,
                null,
                null);
    }

    @Test
    void aSignerCallWhoseAnswerStallsFailsAndTheNextCallProceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        signer = HostileServer.start(request -> calls.incrementAndGet() == 1
                ? Script.create()
                        .write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{")
                        .stall()
                : Script.respond(200, "application/json", "{\"payment\":\"p\",\"segCreds\":\"s\",\"state\":{}}"));
        RemoteSignerClient client = client(Duration.ofMillis(400));

        SignerException stalled = assertInstanceOf(SignerException.class, failure(client.generatePayment(payment())));
        SignedPayment next =
                client.generatePayment(payment()).get(10, TimeUnit.SECONDS).orElseThrow();

        assertEquals(0, stalled.status());
        assertEquals("p", next.payment());
    }

    @Test
    void aSignerThatEchoesItsCredentialsDoesNotGetThemIntoMessages() {
        signer = HostileServer.start(
                request -> Script.respond(500, "text/plain", "bad auth header: " + request.header("Authorization")));

        Throwable error = failure(client(Duration.ofSeconds(5)).generatePayment(payment()));

        assertInstanceOf(SignerException.class, error);
        assertFalse(error.getMessage().contains("sk-signer-7f3a9c1e55"), error.getMessage());
        assertTrue(error.getMessage().contains("bad auth header"), error.getMessage());
    }

    @Test
    void aSignerThatRefusesTheCredentialsFailsBatchRequestsWithSignerException() throws Exception {
        signer = HostileServer.start(request -> Script.respond(403, "text/plain", "forbidden"));
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                LivepeerGateway gateway = gateway(sim, signer.baseUrl())) {
            BatchClient client = new BatchClient(gateway, BatchSettings.defaults(), Runnable::run);

            Throwable error = failure(client.run(TextToImageRequest.of("x")));

            SignerException refused = assertInstanceOf(SignerException.class, error);
            assertEquals(403, refused.status());
        }
    }

    @Test
    void anUnreachableSignerFailsBatchRequestsWithSignerException() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                LivepeerGateway gateway = gateway(sim, "http://127.0.0.1:" + closedPort)) {
            BatchClient client = new BatchClient(gateway, BatchSettings.defaults(), Runnable::run);

            Throwable error = failure(client.run(TextToImageRequest.of("x")));

            SignerException unreachable = assertInstanceOf(SignerException.class, error);
            assertEquals(0, unreachable.status());
        }
    }

    private LivepeerGateway gateway(LivepeerSimulator sim, String signerUrl) {
        return LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(signerUrl)
                        .signerHeaders(Map.of("Authorization", SECRET))
                        .requestTimeout(Duration.ofSeconds(5))
                        .build())
                .transport(transport)
                .build();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return error.getCause();
    }
}
