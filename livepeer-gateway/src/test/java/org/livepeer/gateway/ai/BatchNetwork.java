package org.livepeer.gateway.ai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.selection.Candidate;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.gateway.selection.SelectionStrategy;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.payment.BigRational;

/**
 * A simulated network with a gateway and a batch client on it. The gateway prefers orchestrators in
 * the simulator's order (o1 first) and waits for every probe, so tests know who serves first.
 */
final class BatchNetwork implements AutoCloseable {

    final LivepeerSimulator sim;
    final LivepeerGateway gateway;
    final BatchClient client;
    /** Reads upload streams; its threads are named {@code test-upload-reads-N}. */
    final ExecutorService uploadReads;

    private BatchNetwork(LivepeerSimulator sim, BatchSettings settings) {
        this.sim = sim;
        List<OrchestratorAddress> order = sim.orchestratorAddresses().stream()
                .map(address -> OrchestratorAddress.parse("test", address))
                .toList();
        GatewayConfig config = GatewayConfig.builder()
                .token(sim.token())
                .selectionWindow(Duration.ofSeconds(10))
                // a loaded build machine can take seconds over a first TLS handshake
                .probeTimeout(Duration.ofSeconds(15))
                .build();
        this.gateway = LivepeerGateway.builder(config)
                .strategy(new SelectionStrategy() {
                    @Override
                    public Candidate choose(SelectionRequest request, List<Candidate> suitable) {
                        return suitable.stream()
                                .min(java.util.Comparator.comparingInt(
                                        c -> order.indexOf(c.session().address())))
                                .orElseThrow();
                    }
                })
                .build();
        AtomicInteger threads = new AtomicInteger();
        this.uploadReads = Executors.newCachedThreadPool(
                task -> new Thread(task, "test-upload-reads-" + threads.incrementAndGet()));
        this.client = new BatchClient(gateway, settings, uploadReads);
    }

    static BatchNetwork start(UnaryOperator<LivepeerSimulator.Builder> network) {
        return new BatchNetwork(network.apply(LivepeerSimulator.builder()).start(), BatchSettings.defaults());
    }

    static BatchNetwork start(UnaryOperator<LivepeerSimulator.Builder> network, BatchSettings settings) {
        return new BatchNetwork(network.apply(LivepeerSimulator.builder()).start(), settings);
    }

    SimOrchestrator orchestrator(int index) {
        return sim.orchestrator(index);
    }

    OrchestratorAddress address(int index) {
        return OrchestratorAddress.parse("test", sim.orchestrator(index).address());
    }

    static String model(Capability capability) {
        return DefaultModels.modelFor(capability);
    }

    /** What the orchestrator debited for batch work on the capability's default model. */
    BigRational debited(int orchestrator, Capability capability) {
        return sim.orchestrator(orchestrator).balances().totalDebited(capability.id() + "_" + model(capability));
    }

    BigRational credited(int orchestrator, Capability capability) {
        return sim.orchestrator(orchestrator).balances().totalCredited(capability.id() + "_" + model(capability));
    }

    @Override
    public void close() {
        uploadReads.shutdownNow();
        gateway.close();
        sim.close();
    }
}
