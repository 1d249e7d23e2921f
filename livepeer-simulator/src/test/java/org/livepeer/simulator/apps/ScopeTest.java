package org.livepeer.simulator.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/** {@code POST /scope}: offchain at once, on-chain through the 402 challenge and a live payment. */
class ScopeTest {

    private static final String START =
            "{\"model_id\":\"scope\",\"gateway_request_id\":\"req-1\"," + "\"params\":{\"prompt\":\"a lighthouse\"}}";

    private LivepeerSimulator sim;
    private SimOrchestrator orchestrator;
    private AppsClient client;

    private void start(boolean offchain) {
        sim = LivepeerSimulator.builder().offchain(offchain).start();
        orchestrator = sim.orchestrator(0);
        client = new AppsClient(sim.signerUrl());
    }

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void offchainScopeStartsAtOnceWithControlAndEventsChannels() throws Exception {
        start(true);

        HttpResponse<String> started = client.post(orchestrator.transcoderUrl() + "/scope", Map.of(), START);

        assertEquals(200, started.statusCode(), started.body());
        JsonNode urls = AppsClient.json(started);
        String manifestId = urls.get("manifest_id").asText();
        String base = orchestrator.transcoderUrl() + "/ai/trickle/" + manifestId;
        assertEquals(base + "-control", urls.get("control_url").asText());
        assertEquals(base + "-events", urls.get("events_url").asText());
        assertTrue(orchestrator.trickle().channel(manifestId + "-control").isPresent());
        assertTrue(orchestrator.trickle().channel(manifestId + "-events").isPresent());
        assertFalse(orchestrator.trickle().channel(manifestId).isPresent(), "no input channel");
        assertEquals(java.util.List.of(manifestId), orchestrator.apps().scopeSessions());

        HttpResponse<String> event = client.get(urls.get("events_url").asText() + "/0");
        assertEquals(200, event.statusCode());
        assertTrue(event.body().contains("runner_started"), event.body());
        assertTrue(event.body().contains("a lighthouse"), event.body());

        // the gateway ends a session by closing its control channel
        assertEquals(
                200,
                client.send("DELETE", urls.get("control_url").asText(), Map.of(), null)
                        .statusCode());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> orchestrator.apps().scopeSessions().isEmpty());
    }

    @Test
    void scopeIsRefusedWhenFull() throws Exception {
        start(true);
        orchestrator.apps().setScopeCapacity(1);
        assertEquals(
                200,
                client.post(orchestrator.transcoderUrl() + "/scope", Map.of(), START)
                        .statusCode());

        HttpResponse<String> full = client.post(orchestrator.transcoderUrl() + "/scope", Map.of(), START);

        assertEquals(503, full.statusCode());
        assertTrue(full.body().contains("insufficient capacity"));
    }

    @Test
    void onChainScopeIsChallengedThenStartedWithALiveVideoPayment() throws Exception {
        start(false);
        orchestrator.setPrice(Capability.LIVE_VIDEO_TO_VIDEO, "streamdiffusion", 3, 2);
        String scopeUrl = orchestrator.transcoderUrl() + "/scope";

        assertEquals(402, client.post(scopeUrl, Map.of(), START).statusCode(), "no payer, no challenge");
        HttpResponse<String> challenged =
                client.post(scopeUrl, Map.of("Livepeer-Payer-Address", client.payerAddress()), START);
        assertEquals(402, challenged.statusCode(), challenged.body());
        JsonNode challenge = AppsClient.json(challenged);
        OrchestratorInfo info = AppsClient.paymentParams(challenge);
        assertEquals(3, info.getPriceInfo().getPricePerUnit());
        assertEquals(2, info.getPriceInfo().getPixelsPerUnit());
        assertEquals(
                orchestrator.transcoderUrl() + "/payment",
                challenge.get("payment_url").asText());
        assertEquals(
                info.getAuthToken().getSessionId(), challenge.get("manifest_id").asText());

        JsonNode payment = client.payment(challenge, "lv2v", null);
        HttpResponse<String> started = client.post(scopeUrl, AppsClient.paymentHeaders(payment), START);

        assertEquals(200, started.statusCode(), started.body());
        String manifestId = AppsClient.json(started).get("manifest_id").asText();
        assertEquals(challenge.get("manifest_id").asText(), manifestId);
        assertTrue(orchestrator.balances().totalCredited(manifestId).signum() > 0, "the payment was credited");
        assertEquals(java.util.List.of(manifestId), orchestrator.apps().scopeSessions());

        JsonNode second = client.payment(challenge, "lv2v", payment.get("state"));
        HttpResponse<String> paid =
                client.post(challenge.get("payment_url").asText(), AppsClient.paymentHeaders(second), "");
        assertEquals(200, paid.statusCode(), paid.body());
    }
}
