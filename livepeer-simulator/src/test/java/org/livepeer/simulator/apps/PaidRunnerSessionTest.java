package org.livepeer.simulator.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PaymentResult;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/** Priced runners: the 402 challenge, payments through the simulator's own signer, billing. */
class PaidRunnerSessionTest {

    /** With the default tickets (5e8 wei each) the signer's 10 s preload buys 2 tickets. */
    private static final long PER_SECOND = 100_000_000L;

    private static final long FIXED = 300_000_000L;

    private LivepeerSimulator sim;
    private SimOrchestrator orchestrator;
    private AppsClient client;

    private void start(Duration paymentInterval, double billingSpeed) {
        sim = LivepeerSimulator.builder()
                .runners(
                        RunnerConfig.builder("timed")
                                .app("echo/timed")
                                .capacity(2)
                                .price(RunnerPrice.perSecond(PER_SECOND))
                                .build(),
                        RunnerConfig.builder("fixed")
                                .app("echo/fixed")
                                .price(RunnerPrice.fixed(FIXED))
                                .build(),
                        RunnerConfig.builder("free").app("echo/free").build())
                .orchestratorDefaults(
                        b -> b.livePaymentInterval(paymentInterval).liveBillingSpeed(billingSpeed))
                .start();
        orchestrator = sim.orchestrator(0);
        client = new AppsClient(sim.signerUrl());
    }

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private String service() {
        return orchestrator.transcoderUrl();
    }

    @Test
    void challengesWithPaymentParamsForThePayer() throws Exception {
        start(Duration.ofSeconds(5), 1);
        String sessionUrl = service() + "/apps/timed/session";

        HttpResponse<String> noPayer = client.post(sessionUrl, Map.of(), "");
        assertEquals(402, noPayer.statusCode());
        assertEquals(
                "invalid live runner payment signer address",
                AppsClient.json(noPayer).get("error").get("message").asText());
        assertFalse(AppsClient.json(noPayer).has("payment_params"));

        HttpResponse<String> challenged =
                client.post(sessionUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), "");
        assertEquals(402, challenged.statusCode());
        assertEquals(
                "application/json",
                challenged.headers().firstValue("Content-Type").orElse(""));
        JsonNode challenge = AppsClient.json(challenged);
        OrchestratorInfo info = AppsClient.paymentParams(challenge);
        assertEquals(service(), info.getTranscoder());
        assertEquals(service(), challenge.get("orchestrator").asText());
        assertEquals(PER_SECOND, info.getPriceInfo().getPricePerUnit());
        assertEquals(1, info.getPriceInfo().getPixelsPerUnit());
        assertTrue(info.hasTicketParams());
        assertArrayEquals(orchestrator.account().address(), info.getAddress().toByteArray());
        String manifestId = info.getAuthToken().getSessionId();
        assertEquals(manifestId, challenge.get("manifest_id").asText());
        assertEquals(
                service() + "/apps/timed/session/" + manifestId + "/payment",
                challenge.get("payment_url").asText());
        assertEquals(0, orchestrator.apps().activeSessions("timed"), "a challenge reserves nothing");
    }

    @Test
    void discoveryListsPricesAndTheSignerListsPricedRunnersAsCapabilities() throws Exception {
        start(Duration.ofSeconds(5), 1);

        JsonNode runners =
                AppsClient.json(client.get(service() + "/discovery")).get(0).get("runners");
        JsonNode timed = runners.get(0);
        assertEquals(PER_SECOND, timed.get("price_info").get("price").asLong());
        assertTrue(timed.get("price_info").get("price").isNumber());
        assertEquals("wei", timed.get("price_info").get("currency").asText());
        assertEquals("seconds", timed.get("price_info").get("unit").asText());
        assertEquals("fixed", runners.get(1).get("price_info").get("unit").asText());

        JsonNode listed = AppsClient.json(client.get(sim.signerUrl() + "/discover-orchestrators"))
                .get(0);
        assertEquals(2, listed.get("runners").size(), "the free runner has no price: not listed by the signer");
        assertEquals("echo/timed", listed.get("runners").get(0).get("app").asText());
        String capabilities = listed.get("capabilities").toString();
        assertTrue(capabilities.contains("\"echo/timed\""), capabilities);
        assertTrue(capabilities.contains("\"echo/fixed\""), capabilities);
        assertFalse(capabilities.contains("\"echo/free\""), capabilities);
        JsonNode filtered = AppsClient.json(client.get(sim.signerUrl() + "/discover-orchestrators?caps=echo/fixed"));
        assertEquals(1, filtered.size());
    }

    @Test
    void aPaidSessionIsDebitedEachIntervalAndReleasedWhenItsBalanceRunsOut() throws Exception {
        // 2 tickets (1e9 wei) pay 10 s; at 10 simulated seconds per second they last about a second
        start(Duration.ofMillis(200), 10);
        AppsClient.Reserved reserved = client.reservePaid(service() + "/apps/timed/session", "live");
        String sessionId = reserved.sessionId();
        assertEquals(reserved.challenge().get("manifest_id").asText(), sessionId, "the session is the manifest id");
        assertEquals(1, orchestrator.apps().paymentsAccepted(sessionId));
        assertEquals(
                200,
                client.get(reserved.session().get("app_url").asText() + "/health")
                        .statusCode());

        await().atMost(Duration.ofSeconds(10)).until(() -> orchestrator.apps().activeSessions("timed") == 0);

        BigInteger debited = orchestrator.apps().debited(sessionId);
        assertTrue(
                debited.compareTo(BigInteger.valueOf(5 * PER_SECOND)) > 0,
                "several intervals were debited before the balance ran out: " + debited);
        assertTrue(orchestrator.apps().balance(sessionId).signum() >= 0, "never debited beyond the balance");
        assertEquals(
                404,
                client.get(reserved.session().get("app_url").asText() + "/health")
                        .statusCode());
        assertTrue(ledgerHas(sessionId), "the session is in the orchestrator's ledger");
    }

    private boolean ledgerHas(String sessionId) {
        return orchestrator.balances().entries().stream()
                .anyMatch(e -> e.manifestId().equals(sessionId));
    }

    @Test
    void followUpPaymentsCreditThePerSecondSession() throws Exception {
        start(Duration.ofSeconds(5), 1);
        AppsClient.Reserved reserved = client.reservePaid(service() + "/apps/timed/session", "live");
        String controlUrl = reserved.session().get("control_url").asText();
        BigInteger before = orchestrator.apps().balance(reserved.sessionId());

        JsonNode second =
                client.payment(reserved.challenge(), "live", reserved.payment().get("state"));
        HttpResponse<byte[]> paid = client.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(controlUrl + "/payment"))
                                .header(
                                        "Livepeer-Payment",
                                        second.get("payment").asText())
                                .header(
                                        "Livepeer-Segment",
                                        second.get("segCreds").asText())
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, paid.statusCode(), new String(paid.body()));
        OrchestratorInfo refreshed = PaymentResult.parseFrom(paid.body()).getInfo();
        assertTrue(refreshed.hasTicketParams());
        assertEquals(reserved.sessionId(), refreshed.getAuthToken().getSessionId());
        assertEquals(2, orchestrator.apps().paymentsAccepted(reserved.sessionId()));
        assertTrue(orchestrator.apps().balance(reserved.sessionId()).compareTo(before) > 0);

        Map<String, String> otherSession = new HashMap<>(AppsClient.paymentHeaders(second));
        HttpResponse<String> wrongSession = client.post(
                service() + "/apps/timed/session/"
                        + client.reservePaid(service() + "/apps/timed/session", "live")
                                .sessionId()
                        + "/payment",
                otherSession,
                "");
        assertEquals(403, wrongSession.statusCode(), wrongSession.body());
        assertEquals(
                404,
                client.post(service() + "/apps/timed/session/nosuch/payment", otherSession, "")
                        .statusCode());
    }

    @Test
    void aFixedPriceIsPaidOnceAndRefusesFollowUpPayments() throws Exception {
        start(Duration.ofMillis(100), 10);
        AppsClient.Reserved reserved = client.reservePaid(service() + "/apps/fixed/session", "fixed");
        String sessionId = reserved.sessionId();

        assertEquals(BigInteger.valueOf(FIXED), orchestrator.apps().debited(sessionId));
        JsonNode second =
                client.payment(reserved.challenge(), "fixed", reserved.payment().get("state"));
        HttpResponse<String> followUp = client.post(
                reserved.session().get("control_url").asText() + "/payment", AppsClient.paymentHeaders(second), "");
        assertEquals(409, followUp.statusCode(), followUp.body());
        assertEquals(1, orchestrator.apps().activeSessions("fixed"));
        assertEquals(BigInteger.valueOf(FIXED), orchestrator.apps().debited(sessionId), "never debited again");
        assertEquals(
                204,
                client.post(reserved.session().get("control_url").asText() + "/stop", Map.of(), "")
                        .statusCode());
    }

    @Test
    void refusedTicketsAnswer400AndReleaseTheSlot() throws Exception {
        start(Duration.ofSeconds(5), 1);
        String sessionUrl = service() + "/apps/timed/session";
        JsonNode challenge =
                AppsClient.json(client.post(sessionUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), ""));
        JsonNode payment = client.payment(challenge, "live", null);
        orchestrator.expireTicketParams();

        HttpResponse<String> refused = client.post(sessionUrl, AppsClient.paymentHeaders(payment), "");

        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("TicketParams expired"), refused.body());
        assertEquals(0, orchestrator.apps().activeSessions("timed"));
    }

    @Test
    void refusesAPaymentForAnotherManifestOrPriceAndWhenFull() throws Exception {
        start(Duration.ofSeconds(5), 1);
        String sessionUrl = service() + "/apps/fixed/session";
        JsonNode challenge =
                AppsClient.json(client.post(sessionUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), ""));

        // the per-second type's payment carries the same price, but a payment for the timed runner does not
        JsonNode timedChallenge = AppsClient.json(client.post(
                service() + "/apps/timed/session", Map.of("Livepeer-Payer-Address", client.payerAddress()), ""));
        HttpResponse<String> wrongPrice =
                client.post(sessionUrl, AppsClient.paymentHeaders(client.payment(timedChallenge, "fixed", null)), "");
        assertEquals(400, wrongPrice.statusCode(), wrongPrice.body());
        assertTrue(wrongPrice.body().contains("payment price does not match live runner price"));

        com.fasterxml.jackson.databind.node.ObjectNode otherManifest = challenge.deepCopy();
        otherManifest.put("manifest_id", "not-the-token");
        HttpResponse<String> mismatched =
                client.post(sessionUrl, AppsClient.paymentHeaders(client.payment(otherManifest, "fixed", null)), "");
        assertEquals(403, mismatched.statusCode(), mismatched.body());

        assertEquals(
                200,
                client.post(sessionUrl, AppsClient.paymentHeaders(client.payment(challenge, "fixed", null)), "")
                        .statusCode());
        HttpResponse<String> full = client.post(
                sessionUrl,
                AppsClient.paymentHeaders(client.payment(
                        AppsClient.json(
                                client.post(sessionUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), "")),
                        "fixed",
                        null)),
                "");
        assertEquals(503, full.statusCode(), full.body());
    }
}
