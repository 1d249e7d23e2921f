package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.Failures;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;

/**
 * Batch payments under concurrency: many requests at once, several tenants (gateways with their own
 * signer headers) on two orchestrators, with ticket parameters refreshed while they run.
 */
class PaymentConcurrencyTest {

    private LivepeerSimulator sim;
    private final List<LivepeerGateway> gateways = new ArrayList<>();
    private final List<BatchClient> clients = new ArrayList<>();
    // many TLS handshakes at once on a loaded build machine take longer than the default allows
    private final org.livepeer.http.NettyTransport transport = org.livepeer.http.NettyTransport.builder()
            .connectTimeout(Duration.ofSeconds(60))
            .build();

    @AfterEach
    void close() {
        gateways.forEach(LivepeerGateway::close);
        transport.close();
        if (sim != null) {
            sim.close();
        }
    }

    private BatchClient tenant(String name) {
        LivepeerGateway gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(sim.signerUrl())
                        .signerHeaders(Map.of("X-Tenant", name))
                        .probeTimeout(Duration.ofSeconds(15))
                        .requestTimeout(Duration.ofSeconds(60))
                        .build())
                .transport(transport)
                .build();
        gateways.add(gateway);
        // text-to-image uploads nothing: the upload executor is never used
        BatchClient client = new BatchClient(gateway, BatchSettings.defaults(), Runnable::run);
        clients.add(client);
        return client;
    }

    private static TextToImageRequest image(int size) {
        return TextToImageRequest.of("a lighthouse")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setHeight(size)
                .setWidth(size);
    }

    @Test
    void sixtyFourConcurrentRequestsAllSucceedWhenCapacityAllows() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .orchestratorDefaults(o -> o.defaultCapacity(64))
                .start();
        BatchClient client = tenant("a");
        List<CompletableFuture<?>> runs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            runs.add(client.run(image(64)));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        assertNoNonceReused();
    }

    @Test
    void withoutCapacityTheExcessFailsWithACapacityErrorNeverANonceError() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .orchestratorDefaults(o -> o.defaultCapacity(4))
                .start();
        BatchClient client = tenant("a");
        List<CompletableFuture<?>> runs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            runs.add(client.run(image(64)));
        }
        int served = 0;
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<?> run : runs) {
            try {
                run.join();
                served++;
            } catch (RuntimeException e) {
                failures.add(Failures.unwrap(e).getMessage());
            }
        }
        assertTrue(served >= 8, "the capacity served: " + served);
        for (String failure : failures) {
            assertTrue(failure.toLowerCase().contains("insufficient capacity"), failure);
        }
        assertNoNonceReused();
    }

    @Test
    void manyThreadsOfSeveralTenantsOnTwoOrchestratorsNeverSendASenderNonceTwice() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .orchestratorDefaults(o -> o.defaultCapacity(256)
                        .faceValue(BigInteger.valueOf(60_000))
                        .winProb(BigInteger.ONE.shiftLeft(255)))
                .start();
        List<BatchClient> tenants = List.of(tenant("a"), tenant("b"), tenant("c"));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> runs = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<CompletableFuture<?>> wave = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                BatchClient client = tenants.get(i % tenants.size());
                AiRequest<?> request = i % 2 == 0
                        ? image(32 + 16 * (i % 4))
                        : LlmRequest.of("hi")
                                .setModel(BatchNetwork.model(Capability.LLM))
                                .setMaxTokens(64 * (1 + i % 5));
                wave.add(client.run(request).whenComplete((result, error) -> {
                    if (error != null) {
                        failures.add(Failures.unwrap(error).getMessage());
                    }
                }));
            }
            runs.addAll(wave);
            // force fresh ticket parameters while requests are in flight
            for (LivepeerGateway gateway : gateways) {
                gateway.select(SelectionRequest.of(
                                Pipeline.TEXT_TO_IMAGE, BatchNetwork.model(Capability.TEXT_TO_IMAGE)))
                        .thenAccept(session -> session.refresh());
            }
            if (round == 3) {
                sim.orchestrator(0).expireTicketParams();
            }
            CompletableFuture.allOf(wave.stream()
                            .map(run -> run.handle((ok, error) -> null))
                            .toArray(CompletableFuture[]::new))
                    .join();
        }
        CompletableFuture.allOf(runs.stream()
                        .map(run -> run.handle((ok, error) -> null))
                        .toArray(CompletableFuture[]::new))
                .join();

        for (String failure : failures) {
            assertFalse(failure.toLowerCase().contains("sendernonce"), failure);
        }
        assertTrue(failures.size() <= runs.size() / 10, "almost all served: " + failures);
        assertNoNonceReused();
    }

    private void assertNoNonceReused() {
        long received = 0;
        for (var orchestrator : sim.orchestrators()) {
            assertEquals(
                    0,
                    orchestrator.tickets().nonceCounts().reused(),
                    "no (recipientRandHash, senderNonce) pair arrived twice at " + orchestrator.name());
            received += orchestrator.tickets().nonceCounts().received();
        }
        assertTrue(received > 0, "tickets were sent");
    }
}
