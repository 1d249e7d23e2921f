package org.livepeer.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.DiscoveryException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.ModelOffer;
import org.livepeer.simulator.orchestrator.OrchestratorConfig;

class OrchestratorDiscoveryTest {

    private static final String LLM = DefaultModels.modelFor(Capability.LLM);

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

    private LivepeerGateway gateway(GatewayConfig.Builder config) {
        gateway = LivepeerGateway.builder(config.build()).build();
        return gateway;
    }

    private static String only(LivepeerSimulator sim, String name) {
        return sim.orchestrator(name).address();
    }

    @Test
    void theDiscoveryUrlListsOrchestratorsFilteredByPipelineAndModel() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestrator(OrchestratorConfig.builder("images-only")
                        .offers(List.of(ModelOffer.of(Capability.TEXT_TO_IMAGE, "m", 1, 1)))
                        .build())
                .discoveryHeaders(Map.of("X-Api-Key", "k"))
                .start();
        gateway(GatewayConfig.builder()
                .discoveryUrl(sim.discoveryUrl())
                .discoveryHeaders(Map.of("X-Api-Key", "k"))
                .signerUrl(sim.signerUrl()));

        OrchestratorSession llm =
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM)).join();

        assertEquals(only(sim, "o1"), llm.address().authority());
        OrchestratorSession images =
                gateway.select(SelectionRequest.of(Pipeline.TEXT_TO_IMAGE, "m")).join();
        assertEquals(only(sim, "images-only"), images.address().authority());
    }

    @Test
    void withoutAModelDiscoveryAsksForEveryOrchestratorSinceGoIndexesOnlyPipelineAndModel() {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        gateway(GatewayConfig.builder().discoveryUrl(sim.discoveryUrl()).signerUrl(sim.signerUrl()));

        List<OrchestratorAddress> viaUrl = gateway.discoverOrchestrators(SelectionRequest.of(Pipeline.LLM, null))
                .join();

        assertEquals(2, viaUrl.size(), "a pipeline alone matches nothing in go's index: " + viaUrl);
        gateway.close();
        gateway(GatewayConfig.builder().signerUrl(sim.signerUrl()));
        assertEquals(
                2,
                gateway.discoverOrchestrators(SelectionRequest.of(Pipeline.LLM, ""))
                        .join()
                        .size());
    }

    @Test
    void withoutAListOrDiscoveryUrlTheSignerDiscovers() {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        gateway(GatewayConfig.builder().signerUrl(sim.signerUrl()));

        OrchestratorSession chosen =
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM)).join();

        assertTrue(sim.orchestratorAddresses().contains(chosen.address().authority()));
    }

    @Test
    void malformedAndFailingDiscoveryIsReportedWithItsUrl() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        gateway(GatewayConfig.builder().discoveryUrl(sim.discoveryUrl()).signerUrl(sim.signerUrl()));

        FaultRule garbage =
                sim.discovery().faults().add(FaultRule.on("GET", ".*").times(1).respond(200, "[{\"address\":"));
        DiscoveryException malformed = discoveryFailure();
        assertTrue(malformed.getMessage().contains("not valid JSON"), malformed.getMessage());
        assertTrue(malformed.getMessage().contains(sim.discoveryUrl()), malformed.getMessage());
        assertEquals(1, garbage.hits());

        sim.discovery().faults().add(FaultRule.on("GET", ".*").times(1).respond(200, "{\"not\":\"a list\"}"));
        assertTrue(discoveryFailure().getMessage().contains("expected a JSON list"));

        sim.discovery().faults().add(FaultRule.on("GET", ".*").times(1).respond(503, "cache empty"));
        assertTrue(discoveryFailure().getMessage().contains("503"));
    }

    @Test
    void aHangingDiscoveryEndpointTimesOut() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        sim.discovery().faults().add(FaultRule.on("GET", ".*").hang());
        gateway(GatewayConfig.builder()
                .discoveryUrl(sim.discoveryUrl())
                .signerUrl(sim.signerUrl())
                .requestTimeout(Duration.ofMillis(300)));

        DiscoveryException hung = discoveryFailure();

        assertTrue(hung.getMessage().contains(sim.discoveryUrl()), hung.getMessage());
        assertTrue(hung.getMessage().toLowerCase().contains("timeout"), hung.getMessage());
    }

    @Test
    void discoveredAddressesThatAreNotOrchestratorsAreSkipped() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        String list = "[{\"address\":\"ftp://nope:1\"},{\"address\":\""
                + sim.orchestrator(0).serviceUrl() + "\"}]";
        sim.discovery().faults().add(FaultRule.on("GET", ".*").respond(200, "application/json", list, Map.of()));
        gateway(GatewayConfig.builder().discoveryUrl(sim.discoveryUrl()).signerUrl(sim.signerUrl()));

        OrchestratorSession chosen =
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM)).join();

        assertEquals(OrchestratorAddress.parse("test", sim.orchestrator(0).address()), chosen.address());
        assertFalse(gateway.suspensions().current(chosen.address()).isPresent());
    }

    private DiscoveryException discoveryFailure() {
        CompletionException failed =
                assertThrows(CompletionException.class, () -> gateway.select(SelectionRequest.of(Pipeline.LLM, LLM))
                        .join());
        return assertInstanceOf(DiscoveryException.class, failed.getCause());
    }
}
