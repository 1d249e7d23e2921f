package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.http.FaultRule;

/** Failures another orchestrator may not repeat are retried there; bad requests fail at once. */
class BatchRetryTest {

    private BatchNetwork network;

    @BeforeEach
    void start() {
        network = BatchNetwork.start(sim -> sim.orchestrators(2));
    }

    @AfterEach
    void stop() {
        network.close();
    }

    private static TextToImageRequest request() {
        return TextToImageRequest.of("a harbour")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setWidth(64)
                .setHeight(64);
    }

    private BatchResult<ImageResponse> warmUpOnFirst() {
        BatchResult<ImageResponse> first = network.client.run(request()).join();
        assertEquals(network.address(0), first.orchestrator(), "o1 is preferred");
        return first;
    }

    @Test
    void insufficientCapacityMovesToTheOtherOrchestrator() {
        FaultRule busy = FaultRule.on("POST", "/text-to-image").times(1).respond(503, "insufficient capacity");
        network.orchestrator(0).httpFaults().add(busy);

        BatchResult<ImageResponse> result = network.client.run(request()).join();

        assertEquals(1, busy.hits());
        assertEquals(2, result.attempts());
        assertEquals(network.address(1), result.orchestrator());
        assertTrue(network.credited(1, Capability.TEXT_TO_IMAGE).signum() > 0, "o2 was paid");
        assertEquals(1, result.response().images().size());
    }

    @Test
    void expiredTicketParamsMoveToTheOtherOrchestratorAndTheFirstGetsFreshOnes() {
        // the orchestrator's answer when tickets arrive after their parameters expired
        FaultRule expired = FaultRule.on("POST", "/text-to-image").times(1).respond(400, "TicketParams expired");
        network.orchestrator(0).httpFaults().add(expired);

        BatchResult<ImageResponse> result = network.client.run(request()).join();

        assertEquals(1, expired.hits());
        assertEquals(2, result.attempts());
        assertEquals(network.address(1), result.orchestrator());
        BatchResult<ImageResponse> next = network.client.run(request()).join();
        assertEquals(network.address(0), next.orchestrator(), "o1 is usable again with fresh ticket parameters");
        assertEquals(1, next.attempts());
    }

    @Test
    void aStoppedOrchestratorIsReportedAndTheOtherServes() {
        warmUpOnFirst();
        network.orchestrator(0).stop();

        BatchResult<ImageResponse> result = network.client.run(request()).join();

        assertEquals(2, result.attempts());
        assertEquals(network.address(1), result.orchestrator());
        assertTrue(network.gateway.suspensions().current(network.address(0)).isPresent(), "o1 is suspended");
    }

    @Test
    void aBadRequestFailsAtOnceWithTheOrchestratorsMessage() {
        FaultRule bad = FaultRule.on("POST", "/text-to-image").respond(400, "prompt: too long for this model");
        network.orchestrator(0).httpFaults().add(bad);

        CompletionException thrown = assertThrows(
                CompletionException.class, () -> network.client.run(request()).join());

        AiRequestException error = assertInstanceOf(AiRequestException.class, thrown.getCause());
        assertEquals(400, error.status());
        assertEquals("prompt: too long for this model", error.orchestratorMessage());
        assertTrue(error.url().endsWith("/text-to-image"));
        assertEquals(network.address(0).toString(), error.orchestrator());
        assertFalse(error.isRetryable());
        assertEquals(1, bad.hits());
        assertEquals(0, network.orchestrator(1).paymentsAccepted(), "o2 was never asked");
    }

    @Test
    void attemptsAreBoundedAndTheLastErrorCarriesTheEarlierOnes() {
        network.close();
        network = BatchNetwork.start(
                sim -> sim.orchestrators(3), BatchSettings.defaults().withMaxAttempts(2));
        FaultRule[] busy = new FaultRule[3];
        for (int i = 0; i < 3; i++) {
            busy[i] = FaultRule.on("POST", "/text-to-image").respond(503, "insufficient capacity");
            network.orchestrator(i).httpFaults().add(busy[i]);
        }

        CompletionException thrown = assertThrows(
                CompletionException.class, () -> network.client.run(request()).join());

        OrchestratorException error = assertInstanceOf(OrchestratorException.class, thrown.getCause());
        assertEquals(503, error.status());
        assertEquals(1, error.getSuppressed().length, "the first attempt's failure");
        assertEquals(2, busy[0].hits() + busy[1].hits() + busy[2].hits(), "two orchestrators were tried");
    }
}
