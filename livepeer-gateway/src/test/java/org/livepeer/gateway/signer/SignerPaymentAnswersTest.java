package org.livepeer.gateway.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.http.NettyTransport;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;

/** What each everyday answer of {@code /generate-live-payment} becomes for the caller. */
class SignerPaymentAnswersTest {

    private final NettyTransport transport = NettyTransport.create();
    private HostileServer signer;

    @AfterEach
    void tearDown() {
        transport.close();
        if (signer != null) {
            signer.close();
        }
    }

    @Test
    void aNoTicketsAnswerIsAnEmptyPaymentNotAFailure() throws Exception {
        signer = HostileServer.start(
                request -> Script.respond(482, "application/json", "{\"error\":{\"message\":\"no tickets\"}}"));

        Optional<SignedPayment> answer = client().generatePayment(payment()).get(10, TimeUnit.SECONDS);

        assertTrue(answer.isEmpty(), String.valueOf(answer));
    }

    @Test
    void aPaymentAnswerCarriesThePaymentAndItsState() throws Exception {
        signer = HostileServer.start(request ->
                Script.respond(200, "application/json", "{\"payment\":\"p\",\"segCreds\":\"s\",\"state\":{\"n\":1}}"));

        SignedPayment payment =
                client().generatePayment(payment()).get(10, TimeUnit.SECONDS).orElseThrow();

        assertEquals("p", payment.payment());
        assertEquals("s", payment.segCreds());
        assertEquals(1, payment.state().path("n").asInt());
    }

    @Test
    void aPriceAboveTheCeilingStillFails() {
        signer = HostileServer.start(
                request -> Script.respond(481, "application/json", "{\"error\":{\"message\":\"price too high\"}}"));

        ExecutionException error = assertThrows(ExecutionException.class, () -> client().generatePayment(payment())
                .get(10, TimeUnit.SECONDS));

        assertInstanceOf(PriceExceededException.class, error.getCause());
    }

    private RemoteSignerClient client() {
        return new RemoteSignerClient(
                transport, List.of(URI.create(signer.baseUrl())), Map.of(), null, Duration.ofSeconds(5));
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
}
