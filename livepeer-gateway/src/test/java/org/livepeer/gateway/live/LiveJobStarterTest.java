package org.livepeer.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

class LiveJobStarterTest {

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

    @Test
    void startsAPaidJobAndMovesOnWhenAnOrchestratorRefuses() {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        SimOrchestrator first = sim.orchestrator(0);
        SimOrchestrator second = sim.orchestrator(1);
        // the first is cheaper, so it is chosen first, and it fails the start
        second.setPrice(Capability.LIVE_VIDEO_TO_VIDEO, "streamdiffusion", 2, 1);
        first.httpFaults()
                .add(FaultRule.on("POST", "/live-video-to-video").times(1).respond(500, "runner crashed"));
        LiveJobStarter starter = new LiveJobStarter(gateway, LiveJobSettings.defaults());

        LiveJobStarter.Started started = starter.start(
                        LiveJobRequest.of("streamdiffusion")
                                .withParams(Map.of("prompt", "a cat"))
                                .withIds("stream-1", "req-1"),
                        List.of())
                .join();

        assertEquals(second.address(), started.orchestrator().address().authority());
        String manifest = started.channels().manifestId();
        var session = second.liveSession(manifest).orElseThrow();
        assertEquals("a cat", session.params().get("prompt").asText());
        assertTrue(second.balances().totalCredited(manifest).signum() > 0, "the initial payment was credited");
        assertEquals(manifest, started.payments().manifestId());
        assertTrue(started.channels().subscribeUrl().endsWith(manifest + "-out"));
    }

    @Test
    void startsWithTheAiWorkerAuthorizationGoLivepeersGatewaySends() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .token(sim.token())
                        .probeTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
        LiveJobStarter starter = new LiveJobStarter(gateway, LiveJobSettings.defaults());

        starter.start(LiveJobRequest.of("streamdiffusion"), List.of()).join();

        assertEquals(List.of("Livepeer-AI-Worker-1.0"), sim.orchestrator(0).liveStartAuthorizations());
    }

    @Test
    void waitsFiveSecondsForAStartByDefaultAsGoLivepeerDoes() {
        assertEquals(Duration.ofSeconds(5), LiveJobSettings.defaults().requestTimeout());
    }

    @Test
    void aStartNotAnsweredWithinTheConfiguredTimeoutMovesToAnotherOrchestrator() {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .token(sim.token())
                        .probeTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
        SimOrchestrator frozen = sim.orchestrator(0);
        SimOrchestrator second = sim.orchestrator(1);
        second.setPrice(Capability.LIVE_VIDEO_TO_VIDEO, "streamdiffusion", 2, 1);
        FaultRule hang = frozen.httpFaults()
                .add(FaultRule.on("POST", "/live-video-to-video").hang());
        LiveJobStarter starter =
                new LiveJobStarter(gateway, LiveJobSettings.defaults().withRequestTimeout(Duration.ofMillis(500)));

        LiveJobStarter.Started started =
                starter.start(LiveJobRequest.of("streamdiffusion"), List.of()).join();

        assertEquals(second.address(), started.orchestrator().address().authority());
        assertEquals(1, hang.hits(), "the frozen one was asked first");
    }
}
