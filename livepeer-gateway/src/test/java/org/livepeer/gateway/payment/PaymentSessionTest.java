package org.livepeer.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.MutableClock;
import org.livepeer.gateway.PaymentException;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.SignerException;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.proto.SegData;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.payment.BigRational;

class PaymentSessionTest {

    private static final String LIVE_MODEL = DefaultModels.modelFor(Capability.LIVE_VIDEO_TO_VIDEO);
    private static final String IMAGE_MODEL = DefaultModels.modelFor(Capability.TEXT_TO_IMAGE);

    private final MutableClock signerClock = MutableClock.now();
    private LivepeerSimulator sim;
    private LivepeerGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void start(LivepeerSimulator.Builder network, Map<String, String> signerHeaders) {
        sim = network.signer(config -> config.clock(signerClock)).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(sim.signerUrl())
                        .signerHeaders(signerHeaders)
                        .probeTimeout(java.time.Duration.ofSeconds(15))
                        .build())
                .build();
    }

    private OrchestratorSession select(Pipeline pipeline, String model) {
        return gateway.select(SelectionRequest.of(pipeline, model)).join();
    }

    /** Starts a live job with the session's first payment and returns its manifest id. */
    private String startLiveJob(PaymentSession payments) throws Exception {
        PaymentHeaders headers = payments.headers(0).join();
        HttpResponse started = gateway.transport()
                .send(HttpRequest.post(payments.orchestrator().transcoderUrl() + "/live-video-to-video")
                        .sslContext(gateway.orchestratorTls())
                        .header(PaymentHeaders.PAYMENT, headers.payment())
                        .header(PaymentHeaders.SEGMENT, headers.segment())
                        .header("Content-Type", "application/json")
                        .body("{\"model_id\":\"" + LIVE_MODEL + "\"}")
                        .build())
                .join();
        assertEquals(200, started.status(), started.bodyAsString());
        String manifestId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(started.body())
                .get("manifest_id")
                .asText();
        payments.manifestId(manifestId);
        return manifestId;
    }

    @Test
    void livePaymentsRoundTripTheStateSkipWhenCoveredAndCreditTheSession() throws Exception {
        start(LivepeerSimulator.builder().orchestrators(1), Map.of("Authorization", "Bearer t"));
        SimOrchestrator orchestrator = sim.orchestrator(0);
        PaymentSession payments =
                gateway.paymentSession(select(Pipeline.LIVE_VIDEO_TO_VIDEO, LIVE_MODEL), PaymentType.LV2V);
        String manifestId = startLiveJob(payments);
        BigRational creditedAtStart = orchestrator.balances().totalCredited(manifestId);
        assertTrue(creditedAtStart.signum() > 0);

        // the signer tops the balance up to one ticket's value, then skips while it covers the work
        signerClock.advance(Duration.ofSeconds(1));
        assertTrue(payments.payNow().join());
        signerClock.advance(Duration.ofSeconds(1));
        assertFalse(payments.payNow().join(), "the balance still covers the work");
        assertEquals(1, payments.stats().skipped());

        signerClock.advance(Duration.ofSeconds(40));
        assertTrue(payments.payNow().join());

        PaymentStats stats = payments.stats();
        assertEquals(3, stats.payments());
        assertEquals(sim.signer().stats().ticketsIssued(), stats.tickets());
        java.math.BigDecimal credited = new java.math.BigDecimal(
                orchestrator.balances().totalCredited(manifestId).toFloatString(6));
        assertTrue(
                credited.subtract(stats.paidWei()).abs().compareTo(java.math.BigDecimal.ONE) < 0,
                "the orchestrator credited " + credited + " wei, the session paid " + stats.paidWei());
        assertTrue(orchestrator.balances().totalCredited(manifestId).compareTo(creditedAtStart) > 0);
    }

    @Test
    void refreshesTheOrchestratorWhenTheSignerAsksAndGivesUpAfterThreeRefreshesInARow() throws Exception {
        start(LivepeerSimulator.builder().orchestrators(1), Map.of());
        OrchestratorSession orchestrator = select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL);
        PaymentSession payments = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL);
        var infoBefore = orchestrator.cachedInfo();

        sim.chain().advance(Duration.ofHours(1));
        PaymentHeaders afterExpiry = payments.headers(512 * 512).join();
        assertFalse(afterExpiry.payment().isEmpty());
        assertNotEquals(
                infoBefore.getTicketParams().getExpirationBlock(),
                org.livepeer.proto.Payment.parseFrom(
                                java.util.Base64.getDecoder().decode(afterExpiry.payment()))
                        .getTicketParams()
                        .getExpirationBlock(),
                "the 480 made the session fetch fresh ticket parameters");

        FaultRule refreshes = sim.signer()
                .faults()
                .add(FaultRule.on("POST", "/generate-live-payment")
                        .times(3)
                        .respond(480, "application/json", "{\"error\":{\"message\":\"refresh\"}}", Map.of()));
        assertFalse(payments.headers(100).join().payment().isEmpty(), "three refreshes in a row are fine");
        assertEquals(3, refreshes.hits());

        sim.signer()
                .faults()
                .add(FaultRule.on("POST", "/generate-live-payment")
                        .times(4)
                        .respond(480, "application/json", "{\"error\":{\"message\":\"refresh\"}}", Map.of()));
        CompletionException tooMany = assertThrows(
                CompletionException.class, () -> payments.headers(100).join());
        assertInstanceOf(PaymentException.class, tooMany.getCause());
        assertTrue(tooMany.getCause().getMessage().contains("3 times in a row"));
    }

    @Test
    void aLivePaymentCarriesTheCeilingAndTheAppToTheSigner() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signer(config -> config.clock(signerClock))
                .start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(sim.signerUrl())
                        .app("studio")
                        .build())
                .build();
        OrchestratorSession orchestrator = select(Pipeline.LIVE_VIDEO_TO_VIDEO, LIVE_MODEL);

        // the orchestrator asks 1 wei per pixel: a ceiling of half a wei is too low
        CompletionException refused = assertThrows(CompletionException.class, () -> gateway.paymentSession(
                        orchestrator, PaymentType.LV2V, new java.math.BigDecimal("0.5"))
                .headers(0)
                .join());
        assertInstanceOf(PriceExceededException.class, refused.getCause());

        PaymentSession payments = gateway.paymentSession(orchestrator, PaymentType.LV2V, java.math.BigDecimal.TEN);
        assertFalse(payments.headers(0).join().payment().isEmpty(), "a ceiling above the price pays");
        String state = new String(
                java.util.Base64.getDecoder()
                        .decode(payments.signerState().get("State").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(state.contains("\"App\":\"studio\""), state);
    }

    @Test
    void aPriceAboveTheSignersCeilingRejectsTheOrchestrator() {
        start(LivepeerSimulator.builder().orchestrators(1), Map.of());
        sim.signer().setMaxPrice(BigRational.of(1, 2));
        OrchestratorSession orchestrator = select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL);

        CompletionException refused = assertThrows(
                CompletionException.class, () -> gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL)
                        .headers(100)
                        .join());

        PriceExceededException exceeded = assertInstanceOf(PriceExceededException.class, refused.getCause());
        assertEquals(orchestrator.transcoderUrl(), exceeded.orchestrator());
        assertTrue(exceeded.isRetryable());
    }

    @Test
    void signerOutagesFailRetryablyAndRecoverAndMalformedRepliesAreNamed() {
        start(LivepeerSimulator.builder().orchestrators(1), Map.of("Authorization", "Bearer s3cret"));
        OrchestratorSession orchestrator = select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL);
        PaymentSession payments = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL);

        FaultRule down = sim.signer().faults().add(FaultRule.on(null, ".*").dropConnection());
        CompletionException outage = assertThrows(
                CompletionException.class, () -> payments.headers(100).join());
        SignerException signerDown = assertInstanceOf(SignerException.class, outage.getCause());
        assertEquals(0, signerDown.status());
        assertTrue(signerDown.isRetryable());
        assertFalse(signerDown.getMessage().contains("s3cret"));

        sim.signer().faults().remove(down);
        assertFalse(payments.headers(100).join().payment().isEmpty(), "the signer is back");

        sim.signer()
                .faults()
                .add(FaultRule.on("POST", "/generate-live-payment").times(1).respond(200, "this is not json"));
        CompletionException malformed = assertThrows(
                CompletionException.class, () -> payments.headers(100).join());
        assertTrue(
                malformed.getCause().getMessage().contains("not valid JSON"),
                malformed.getCause().getMessage());
    }

    @Test
    void failsOverToTheNextSignerWhenOneIsUnreachable() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrls(List.of("http://127.0.0.1:1", sim.signerUrl()))
                        .build())
                .build();

        OrchestratorSession orchestrator = select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL);
        PaymentHeaders headers = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL)
                .headers(100)
                .join();

        assertFalse(headers.payment().isEmpty());
    }

    @Test
    void offchainHeadersCarryOnlyTheAuthToken() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).offchain(true).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .build())
                .build();
        OrchestratorSession orchestrator = select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL);

        PaymentHeaders headers = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL)
                .headers(100)
                .join();

        assertEquals("", headers.payment());
        SegData segData = SegData.parseFrom(Base64.getDecoder().decode(headers.segment()));
        assertEquals(orchestrator.cachedInfo().getAuthToken(), segData.getAuthToken());
        assertNull(
                gateway.paymentSession(orchestrator, PaymentType.LV2V).payNow().join() ? "paid" : null);
    }

    @Test
    void concurrentPaymentsOfOneSessionRunOneAfterTheOtherAndChainTheState() throws Exception {
        start(LivepeerSimulator.builder().orchestrators(1), Map.of());
        sim.signer().faults().add(FaultRule.on("POST", "/generate-live-payment").delay(Duration.ofMillis(30)));
        PaymentSession payments =
                gateway.paymentSession(select(Pipeline.TEXT_TO_IMAGE, IMAGE_MODEL), PaymentType.PER_PIXEL);

        List<java.util.concurrent.CompletableFuture<PaymentHeaders>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(payments.headers(1_000_000_000L));
        }
        calls.forEach(java.util.concurrent.CompletableFuture::join);

        // the signer numbers the calls of one state chain: 0 for the first, 4 for the fifth
        byte[] state =
                Base64.getDecoder().decode(payments.signerState().get("State").asText());
        long sequence = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(state)
                .get("SequenceNumber")
                .asLong();
        assertEquals(4, sequence);
        assertEquals(5, payments.stats().payments());
    }
}
