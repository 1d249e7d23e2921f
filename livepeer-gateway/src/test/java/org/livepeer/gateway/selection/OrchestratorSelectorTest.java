package org.livepeer.gateway.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.orchestrator.OrchestratorRpc;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.orchestrator.OrchestratorSessions;
import org.livepeer.gateway.orchestrator.SenderCredentials;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.GrpcFaults;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

class OrchestratorSelectorTest {

    private static final String LLM_MODEL = DefaultModels.modelFor(Capability.LLM);

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final TofuTrustStore pins = new TofuTrustStore();
    private final OrchestratorRpc rpc = new OrchestratorRpc(group, pins);
    private LivepeerSimulator sim;

    @AfterEach
    void close() {
        rpc.close();
        if (sim != null) {
            sim.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private OrchestratorSelector selector(Duration probeTimeout) {
        OrchestratorSessions sessions = new OrchestratorSessions(
                rpc, SenderCredentials.Source.OFFCHAIN, probeTimeout, Duration.ofMinutes(5), Clock.systemUTC());
        return new OrchestratorSelector(
                sessions,
                new Suspensions(Duration.ofSeconds(30), Duration.ofMinutes(5), Clock.systemUTC()),
                SelectionStrategy.DEFAULT,
                Duration.ofMillis(20),
                group.next());
    }

    @Test
    void aSuspensionIsReportedByTheGatewaysClockNotTheSystemClock() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        Clock longAgo = Clock.fixed(java.time.Instant.parse("2001-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        OrchestratorSessions sessions = new OrchestratorSessions(
                rpc, SenderCredentials.Source.OFFCHAIN, Duration.ofSeconds(3), Duration.ofMinutes(5), longAgo);
        Suspensions suspensions = new Suspensions(Duration.ofSeconds(30), Duration.ofMinutes(5), longAgo);
        OrchestratorSelector selector = new OrchestratorSelector(
                sessions, suspensions, SelectionStrategy.DEFAULT, Duration.ofMillis(20), group.next());
        suspensions.failed(addresses().get(0), "refused a payment");

        CompletionException failed =
                org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> selector.select(
                                SelectionRequest.of(Pipeline.LLM, LLM_MODEL), addresses(), Set.of())
                        .join());

        String message = failed.getCause().getMessage();
        assertTrue(message.contains("suspended for 30 s after: refused a payment"), message);
    }

    private List<OrchestratorAddress> addresses() {
        return sim.orchestratorAddresses().stream()
                .map(a -> OrchestratorAddress.parse("test", a))
                .toList();
    }

    @Test
    void findsALiveOrchestratorAmongManyThatNeverAnswerWellBeforeTheProbeTimeout() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(20).start();
        for (int i = 0; i < 15; i++) {
            sim.orchestrator(i).grpcFaults().always(GrpcFaults.Fault.hanging());
        }
        Duration probeTimeout = Duration.ofSeconds(4);
        OrchestratorSelector selector = selector(probeTimeout);

        long started = System.nanoTime();
        OrchestratorSession chosen = selector.select(
                        SelectionRequest.of(Pipeline.LLM, LLM_MODEL), addresses(), Set.of())
                .join();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int index = sim.orchestratorAddresses().indexOf(chosen.address().authority());
        assertTrue(index >= 15, "chose a live orchestrator, got #" + index);
        assertTrue(
                took.compareTo(probeTimeout.dividedBy(2)) < 0,
                "selection took " + took.toMillis() + " ms with a " + probeTimeout.toMillis() + " ms probe timeout");
    }

    @Test
    void prefersTheCheapestAnswerAndRespectsTheMaximumPrice() {
        sim = LivepeerSimulator.builder().offchain(false).orchestrators(3).start();
        sim.orchestrator(0).setPrice(Capability.LLM, LLM_MODEL, 9, 1);
        sim.orchestrator(1).setPrice(Capability.LLM, LLM_MODEL, 3, 1);
        sim.orchestrator(2).setPrice(Capability.LLM, LLM_MODEL, 5, 1);
        // on-chain orchestrators want a signed request; sign as a gateway would
        OrchestratorSessions sessions = new OrchestratorSessions(
                rpc, TestSender.credentials(), Duration.ofSeconds(3), Duration.ofMinutes(5), Clock.systemUTC());
        OrchestratorSelector selector = new OrchestratorSelector(
                sessions,
                new Suspensions(Duration.ofSeconds(30), Duration.ofMinutes(5), Clock.systemUTC()),
                SelectionStrategy.DEFAULT,
                Duration.ofSeconds(1),
                group.next());

        OrchestratorSession cheapest = selector.select(
                        SelectionRequest.of(Pipeline.LLM, LLM_MODEL), addresses(), Set.of())
                .join();
        assertEquals(sim.orchestrator(1).address(), cheapest.address().authority());

        CompletionException tooDear =
                org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> selector.select(
                                SelectionRequest.of(Pipeline.LLM, LLM_MODEL).withMaxPrice(BigDecimal.valueOf(2)),
                                addresses(),
                                Set.of())
                        .join());
        NoOrchestratorAvailableException none =
                assertInstanceOf(NoOrchestratorAvailableException.class, tooDear.getCause());
        assertEquals(3, none.rejections().size());
        assertTrue(none.getMessage().contains("exceeds the maximum 2"), none.getMessage());
    }

    @Test
    void listsEveryOrchestratorAndWhyWhenNoneCanServe() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(4).start();
        sim.orchestrator(0).stop();
        sim.orchestrator(1).setCapacity(Capability.LLM, LLM_MODEL, 0);
        sim.orchestrator(2).grpcFaults().always(GrpcFaults.Fault.hanging());
        OrchestratorSelector selector = selector(Duration.ofMillis(500));

        CompletionException failed =
                org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> selector.select(
                                SelectionRequest.of(Pipeline.LLM, "no-such-model"), addresses(), Set.of())
                        .join());

        NoOrchestratorAvailableException none =
                assertInstanceOf(NoOrchestratorAvailableException.class, failed.getCause());
        assertEquals(4, none.rejections().size(), none.getMessage());
        String message = none.getMessage();
        assertTrue(message.contains(sim.orchestrator(0).address() + ": unreachable"), message);
        assertTrue(message.contains(sim.orchestrator(2).address() + ": no answer in time"), message);
        assertTrue(message.contains("does not offer llm/no-such-model"), message);
    }

    @Test
    void suspendsFailedOrchestratorsAndTriesThemAgainLater() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(2).start();
        SimOrchestrator flaky = sim.orchestrator(0);
        flaky.grpcFaults().next(GrpcFaults.Fault.fail(io.grpc.Status.INTERNAL.withDescription("boom")));
        OrchestratorSelector selector = selector(Duration.ofSeconds(2));

        selector.select(SelectionRequest.of(Pipeline.LLM, LLM_MODEL), addresses(), Set.of())
                .join();
        OrchestratorAddress flakyAddress = OrchestratorAddress.parse("test", flaky.address());
        assertTrue(selector.suspensions().current(flakyAddress).isPresent());

        OrchestratorSession next = selector.select(SelectionRequest.of(Pipeline.LLM, LLM_MODEL), addresses(), Set.of())
                .join();
        assertEquals(sim.orchestrator(1).address(), next.address().authority());
    }

    @Test
    void trustsARestartedOrchestratorsNewCertificateOnce() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        OrchestratorAddress address = OrchestratorAddress.parse("test", orchestrator.address());
        OrchestratorSessions sessions = new OrchestratorSessions(
                rpc,
                SenderCredentials.Source.OFFCHAIN,
                Duration.ofSeconds(3),
                Duration.ofMinutes(5),
                Clock.systemUTC());
        OrchestratorSession session = sessions.get(address, Pipeline.LLM, LLM_MODEL);

        session.refresh().join();
        String firstPin = pins.pinned(address.host(), address.port()).orElseThrow();
        assertEquals(orchestrator.certificate().fingerprint(), firstPin);

        orchestrator.restart();
        session.refresh().join();

        assertEquals(
                orchestrator.certificate().fingerprint(),
                pins.pinned(address.host(), address.port()).orElseThrow());
        assertNotEquals(firstPin, orchestrator.certificate().fingerprint());
        assertEquals(1, pins.repins());
    }

    @Test
    void probesABusyLiveOrchestratorWithoutAskingForCapacityAsGoAndPythonGatewaysDo() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        String model = DefaultModels.modelFor(Capability.LIVE_VIDEO_TO_VIDEO);
        SimOrchestrator busy = sim.orchestrator(0);
        while (busy.catalog().tryAcquire(Capability.LIVE_VIDEO_TO_VIDEO, model)) {
            // take every slot: the orchestrator is busy, and go-livepeer's would refuse a capacity-checked probe
        }
        OrchestratorSessions sessions = new OrchestratorSessions(
                rpc,
                SenderCredentials.Source.OFFCHAIN,
                Duration.ofSeconds(20),
                Duration.ofMinutes(5),
                Clock.systemUTC());

        var info = sessions.get(OrchestratorAddress.parse("test", busy.address()), Pipeline.LIVE_VIDEO_TO_VIDEO, model)
                .refresh()
                .join();

        assertEquals(busy.transcoderUrl(), info.getTranscoder());
    }
}
