package org.livepeer.simulator.network;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.livepeer.proto.PaymentResult;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.RawGateway;
import org.livepeer.simulator.RawGrpcClient;
import org.livepeer.simulator.live.LiveSession;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.payment.BigRational;

/** A whole live-video-to-video session against the simulated network, spoken on the wire. */
class LiveVideoEndToEndTest {

    private static final Map<String, String> SIGNER_HEADERS = Map.of("Authorization", "Bearer s3cret");

    private LivepeerSimulator sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private static Capabilities liveCapabilities() {
        int live = Capability.LIVE_VIDEO_TO_VIDEO.id();
        return Capabilities.newBuilder()
                .putCapacities(live, 1)
                .setConstraints(Capabilities.Constraints.newBuilder()
                        .putPerCapability(
                                live,
                                Capabilities.CapabilityConstraints.newBuilder()
                                        .putModels(
                                                "streamdiffusion",
                                                Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                        .build()))
                .build();
    }

    private OrchestratorInfo orchestratorInfo(RawGateway gateway, SimOrchestrator orchestrator) throws Exception {
        OrchestratorRequest request = gateway.signedOrchestratorRequest().toBuilder()
                .setCapabilities(liveCapabilities())
                .build();
        try (RawGrpcClient grpc = new RawGrpcClient(orchestrator.address())) {
            return grpc.getOrchestrator(request);
        }
    }

    @Test
    void streamsSegmentsPaysPeriodicallyAndEchoesControl() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signerHeaders(SIGNER_HEADERS)
                .start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        RawGateway gateway = new RawGateway(sim.signerUrl(), SIGNER_HEADERS);
        OrchestratorInfo info = orchestratorInfo(gateway, orchestrator);

        HttpResponse<String> firstPayment =
                gateway.generatePayment(RawGateway.paymentRequest(info, "lv2v", null, null));
        assertEquals(200, firstPayment.statusCode(), firstPayment.body());
        JsonNode payment = RawGateway.JSON.readTree(firstPayment.body());

        byte[] start = RawGateway.JSON.writeValueAsBytes(RawGateway.JSON
                .createObjectNode()
                .put("model_id", "streamdiffusion")
                .put("gateway_request_id", "req-1")
                .put("stream_id", "stream-1")
                .set("params", RawGateway.JSON.createObjectNode().put("prompt", "a cat")));
        HttpResponse<byte[]> started =
                gateway.postPaid(info.getTranscoder() + "/live-video-to-video", payment, "application/json", start);
        assertEquals(200, started.statusCode(), new String(started.body(), StandardCharsets.UTF_8));
        JsonNode urls = RawGateway.JSON.readTree(started.body());
        String manifestId = urls.get("manifest_id").asText();
        assertTrue(urls.get("publish_url").asText().startsWith(info.getTranscoder() + "/ai/trickle/"));
        assertEquals(
                urls.get("publish_url").asText() + "-out",
                urls.get("subscribe_url").asText());

        // media: every input segment comes back unchanged, in order
        for (int seq = 0; seq < 3; seq++) {
            byte[] segment = ("segment " + seq + " " + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            assertEquals(
                    200,
                    gateway.publish(urls.get("publish_url").asText() + "/" + seq, segment)
                            .statusCode());
            HttpResponse<byte[]> out = gateway.read(urls.get("subscribe_url").asText() + "/" + seq);
            assertEquals(200, out.statusCode());
            assertArrayEquals(segment, out.body());
            assertEquals(
                    String.valueOf(seq),
                    out.headers().firstValue("Lp-Trickle-Seq").orElseThrow());
        }

        // periodic payment: state round-trip, then POST /payment to the orchestrator
        BigRational creditedBefore = orchestrator.balances().totalCredited(manifestId);
        assertTrue(creditedBefore.signum() > 0, "the initial payment was credited to the session");
        sim.chain().advance(Duration.ZERO);
        HttpResponse<String> second =
                gateway.generatePayment(RawGateway.paymentRequest(info, "lv2v", payment.get("state"), manifestId));
        if (second.statusCode() == 200) {
            JsonNode secondPayment = RawGateway.JSON.readTree(second.body());
            HttpResponse<byte[]> paid =
                    gateway.postPaid(info.getTranscoder() + "/payment", secondPayment, null, new byte[0]);
            assertEquals(200, paid.statusCode(), new String(paid.body(), StandardCharsets.UTF_8));
            PaymentResult result = PaymentResult.parseFrom(paid.body());
            assertEquals(info.getTranscoder(), result.getInfo().getTranscoder());
            assertEquals(
                    info.getAuthToken().getSessionId(),
                    result.getInfo().getAuthToken().getSessionId());
            assertTrue(orchestrator.balances().totalCredited(manifestId).compareTo(creditedBefore) > 0);
        } else {
            assertEquals(482, second.statusCode(), "balance still covers the elapsed time: " + second.body());
        }

        // control reaches the runner and comes back as an event
        assertEquals(
                200,
                gateway.publish(
                                urls.get("control_url").asText() + "/0",
                                "{\"prompt\":\"a dog\"}".getBytes(StandardCharsets.UTF_8))
                        .statusCode());
        LiveSession session = orchestrator.liveSession(manifestId).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.stats().controlMessages() == 1);
        assertEquals("a dog", session.params().get("prompt").asText());
        JsonNode update = readEventOfType(gateway, urls.get("events_url").asText(), "params_update");
        assertEquals("a dog", update.get("params").get("prompt").asText());
    }

    @Test
    void stopsASessionWhoseCreditRunsOutAndClosesItsChannels() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestratorDefaults(
                        b -> b.livePaymentInterval(Duration.ofMillis(1)).liveBillingSpeed(1_000_000))
                .start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        RawGateway gateway = new RawGateway(sim.signerUrl(), Map.of());
        OrchestratorInfo info = orchestratorInfo(gateway, orchestrator);
        JsonNode payment =
                RawGateway.JSON.readTree(gateway.generatePayment(RawGateway.paymentRequest(info, "lv2v", null, null))
                        .body());
        JsonNode urls = RawGateway.JSON.readTree(gateway.postPaid(
                        info.getTranscoder() + "/live-video-to-video",
                        payment,
                        "application/json",
                        "{\"model_id\":\"streamdiffusion\"}".getBytes(StandardCharsets.UTF_8))
                .body());
        String manifestId = urls.get("manifest_id").asText();
        LiveSession session = orchestrator.liveSession(manifestId).orElseThrow();

        // one second of input at a million-fold billing speed costs far more than the 60 s preload
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    gateway.publish(urls.get("publish_url").asText() + "/-1", new byte[] {1, 2, 3});
                    return orchestrator.liveSession(manifestId).isEmpty();
                });

        assertEquals("insufficient balance", session.stats().closeReason());
        assertEquals(
                404, gateway.read(urls.get("subscribe_url").asText() + "/0").statusCode());
    }

    @Test
    void offchainSessionsNeedOnlyTheAuthToken() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).offchain(true).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        OrchestratorInfo info;
        try (RawGrpcClient grpc = new RawGrpcClient(orchestrator.address())) {
            info = grpc.getOrchestrator(OrchestratorRequest.getDefaultInstance());
        }
        String segCreds = Base64.getEncoder()
                .encodeToString(org.livepeer.proto.SegData.newBuilder()
                        .setAuthToken(info.getAuthToken())
                        .build()
                        .toByteArray());
        RawGateway gateway = new RawGateway("http://unused", Map.of());
        JsonNode headers = RawGateway.JSON.createObjectNode().put("payment", "").put("segCreds", segCreds);

        HttpResponse<byte[]> started = gateway.postPaid(
                info.getTranscoder() + "/live-video-to-video",
                headers,
                "application/json",
                "{\"model_id\":\"streamdiffusion\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(200, started.statusCode(), new String(started.body(), StandardCharsets.UTF_8));
        JsonNode urls = RawGateway.JSON.readTree(started.body());
        byte[] segment = "offchain".getBytes(StandardCharsets.UTF_8);
        gateway.publish(urls.get("publish_url").asText() + "/0", segment);
        assertArrayEquals(
                segment, gateway.read(urls.get("subscribe_url").asText() + "/0").body());

        JsonNode noToken = RawGateway.JSON.createObjectNode().put("payment", "").put("segCreds", "");
        HttpResponse<byte[]> refused = gateway.postPaid(
                info.getTranscoder() + "/live-video-to-video",
                noToken,
                "application/json",
                "{\"model_id\":\"streamdiffusion\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, refused.statusCode());
    }

    private static JsonNode readEventOfType(RawGateway gateway, String eventsUrl, String type) throws Exception {
        for (int seq = 0; seq < 10; seq++) {
            HttpResponse<byte[]> event = gateway.read(eventsUrl + "/" + seq);
            if (event.statusCode() != 200) {
                continue;
            }
            JsonNode node = RawGateway.JSON.readTree(event.body());
            if (type.equals(node.path("type").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + type + " event in the first 10 segments");
    }
}
