package org.livepeer.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.RawGateway;
import org.livepeer.simulator.RawGrpcClient;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.payment.BigRational;

/** Batch inference paid through the signer, spoken on the wire against the simulated network. */
class BatchEndToEndTest {

    private static final String MODEL = DefaultModels.modelFor(Capability.TEXT_TO_IMAGE);

    private LivepeerSimulator sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private static Capabilities textToImage() {
        int id = Capability.TEXT_TO_IMAGE.id();
        return Capabilities.newBuilder()
                .putCapacities(id, 1)
                .setConstraints(Capabilities.Constraints.newBuilder()
                        .putPerCapability(
                                id,
                                Capabilities.CapabilityConstraints.newBuilder()
                                        .putModels(
                                                MODEL,
                                                Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                        .build()))
                .build();
    }

    private OrchestratorInfo info(RawGateway gateway, SimOrchestrator orchestrator) throws Exception {
        try (RawGrpcClient grpc = new RawGrpcClient(orchestrator.address())) {
            return grpc.getOrchestrator(gateway.signedOrchestratorRequest().toBuilder()
                    .setCapabilities(textToImage())
                    .build());
        }
    }

    private static ObjectNode pixelPayment(OrchestratorInfo info, long pixels) {
        ObjectNode request = RawGateway.paymentRequest(info, null, null, null);
        request.put("inPixels", pixels);
        return request;
    }

    @Test
    void aPaidTextToImageRequestReturnsARealPngAndTheOrchestratorCreditsWhatTheSignerCharged() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        RawGateway gateway = new RawGateway(sim.signerUrl(), Map.of());
        OrchestratorInfo info = info(gateway, orchestrator);

        HttpResponse<String> signed = gateway.generatePayment(pixelPayment(info, 640L * 384L));
        assertEquals(200, signed.statusCode(), signed.body());
        JsonNode payment = RawGateway.JSON.readTree(signed.body());
        byte[] request = ("{\"model_id\":\"" + MODEL + "\",\"prompt\":\"a lighthouse\",\"width\":640,\"height\":384}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> reply =
                gateway.postPaid(info.getTranscoder() + "/text-to-image", payment, "application/json", request);

        assertEquals(200, reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
        String url = RawGateway.JSON
                .readTree(reply.body())
                .get("images")
                .get(0)
                .get("url")
                .asText();
        byte[] png = gateway.http()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, image.getWidth());
        assertEquals(384, image.getHeight());

        String manifest = Capability.TEXT_TO_IMAGE.id() + "_" + MODEL;
        BigRational credited = orchestrator.balances().totalCredited(manifest);
        assertEquals(sim.signer().stats().ticketsIssued(), orchestrator.ticketsAccepted());
        assertTrue(credited.signum() > 0);
        assertEquals(
                BigRational.of(640L * 384L),
                orchestrator.balances().totalDebited(manifest),
                "640x384 pixels at 1 wei each");
    }

    @Test
    void refusedTicketsAndBusyModelsAnswerAsGoLivepeerDoes() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        RawGateway gateway = new RawGateway(sim.signerUrl(), Map.of());
        OrchestratorInfo info = info(gateway, orchestrator);
        byte[] request = ("{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\"}").getBytes(StandardCharsets.UTF_8);

        JsonNode payment = RawGateway.JSON.readTree(
                gateway.generatePayment(pixelPayment(info, 512 * 512)).body());
        orchestrator.expireTicketParams();
        HttpResponse<byte[]> expired =
                gateway.postPaid(info.getTranscoder() + "/text-to-image", payment, "application/json", request);
        assertEquals(400, expired.statusCode());
        assertTrue(new String(expired.body(), StandardCharsets.UTF_8).contains("TicketParams expired"));

        OrchestratorInfo fresh = info(gateway, orchestrator);
        orchestrator.setCapacity(Capability.TEXT_TO_IMAGE, MODEL, 0);
        JsonNode second = RawGateway.JSON.readTree(
                gateway.generatePayment(pixelPayment(fresh, 512 * 512)).body());
        HttpResponse<byte[]> busy =
                gateway.postPaid(fresh.getTranscoder() + "/text-to-image", second, "application/json", request);
        assertEquals(503, busy.statusCode());
        assertEquals("insufficient capacity\n", new String(busy.body(), StandardCharsets.UTF_8));

        orchestrator
                .httpFaults()
                .add(FaultRule.on("POST", "/text-to-image").times(1).respond(500, "boom"));
        HttpResponse<byte[]> faulty =
                gateway.postPaid(fresh.getTranscoder() + "/text-to-image", second, "application/json", request);
        assertEquals(500, faulty.statusCode());
    }

    @Test
    void theSignerRefusesAnOrchestratorAboveItsPriceCeilingAndAsksForRefreshAfterExpiry() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signer(config -> config.maxPrice(BigRational.of(5)))
                .start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        RawGateway gateway = new RawGateway(sim.signerUrl(), Map.of());

        orchestrator.setPrice(Capability.TEXT_TO_IMAGE, MODEL, 6, 1);
        HttpResponse<String> tooExpensive = gateway.generatePayment(pixelPayment(info(gateway, orchestrator), 100));
        assertEquals(481, tooExpensive.statusCode(), tooExpensive.body());

        orchestrator.setPrice(Capability.TEXT_TO_IMAGE, MODEL, 2, 1);
        OrchestratorInfo info = info(gateway, orchestrator);
        sim.chain().advance(java.time.Duration.ofHours(1));
        HttpResponse<String> refresh = gateway.generatePayment(pixelPayment(info, 100));
        assertEquals(480, refresh.statusCode(), refresh.body());
        assertEquals(List.of(info.getTranscoder()), refresh.headers().allValues("Livepeer-Orchestrator-URL"));
        assertEquals(
                200,
                gateway.generatePayment(pixelPayment(info(gateway, orchestrator), 100))
                        .statusCode());
    }
}
