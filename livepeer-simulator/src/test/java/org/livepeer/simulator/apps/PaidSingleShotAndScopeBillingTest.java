package org.livepeer.simulator.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/** Paid single-shot requests, and Scope sessions billed until their balance runs out. */
class PaidSingleShotAndScopeBillingTest {

    private static final long FIXED = 200_000_000L;

    private LivepeerSimulator sim;
    private SimOrchestrator orchestrator;
    private AppsClient client;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(Duration paymentInterval, double billingSpeed) {
        sim = LivepeerSimulator.builder()
                .runners(RunnerConfig.builder("once")
                        .app("echo/once")
                        .mode(RunnerMode.SINGLE_SHOT)
                        .price(RunnerPrice.fixed(FIXED))
                        .build())
                .orchestratorDefaults(
                        b -> b.livePaymentInterval(paymentInterval).liveBillingSpeed(billingSpeed))
                .start();
        orchestrator = sim.orchestrator(0);
        client = new AppsClient(sim.signerUrl());
    }

    @Test
    void aPricedSingleShotRequestIsChallengedThenPaidOnceAndReleased() throws Exception {
        start(Duration.ofSeconds(5), 1);
        String url = orchestrator.transcoderUrl() + "/apps/once/app/echo?q=1";

        HttpResponse<String> challenged = client.post(url, Map.of("Livepeer-Payer-Address", client.payerAddress()), "");
        assertEquals(402, challenged.statusCode(), challenged.body());
        JsonNode challenge = AppsClient.json(challenged);
        assertEquals(FIXED, AppsClient.paymentParams(challenge).getPriceInfo().getPricePerUnit());
        assertEquals(0, orchestrator.apps().activeSessions("once"));

        Map<String, String> headers =
                new HashMap<>(AppsClient.paymentHeaders(client.payment(challenge, "fixed", null)));
        HttpResponse<String> answered = client.post(url, headers, "paid body");

        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode echo = AppsClient.json(answered);
        assertEquals("paid body", echo.get("body").asText());
        assertEquals(
                challenge.get("manifest_id").asText(),
                echo.get("headers").get("livepeer-session-id").asText());
        await().atMost(Duration.ofSeconds(5)).until(() -> orchestrator.apps().activeSessions("once") == 0);
        assertEquals(
                BigInteger.valueOf(FIXED),
                orchestrator.apps().debited(challenge.get("manifest_id").asText()));
    }

    @Test
    void aScopeSessionEndsWhenItsBalanceNoLongerCoversItsEvents() throws Exception {
        // 60 s of 720p30 are paid up front; at 100 simulated seconds per second they last well under a second
        start(Duration.ofMillis(100), 100);
        String scopeUrl = orchestrator.transcoderUrl() + "/scope";
        JsonNode challenge = AppsClient.json(
                client.post(scopeUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), "{\"params\":{}}"));
        HttpResponse<String> started = client.post(
                scopeUrl, AppsClient.paymentHeaders(client.payment(challenge, "lv2v", null)), "{\"params\":{}}");
        assertEquals(200, started.statusCode(), started.body());
        String manifestId = AppsClient.json(started).get("manifest_id").asText();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> orchestrator.apps().scopeSessions().isEmpty());

        assertTrue(orchestrator.apps().debited(manifestId).signum() > 0, "events were billed");
        assertTrue(orchestrator.trickle().channel(manifestId + "-events").isEmpty(), "channels closed");
    }
}
