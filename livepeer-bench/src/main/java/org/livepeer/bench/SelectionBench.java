package org.livepeer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.GrpcFaults;

/**
 * Selection among 20 orchestrators of which 15 never answer {@code GetOrchestrator}: the time a
 * fresh gateway takes to select, against the fastest live probe in the same selection (the
 * chosen orchestrator's {@code GetOrchestrator}; every simulated orchestrator asks the same price,
 * so the chosen one is the fastest) and against the fastest selection of a gateway that knows only
 * one live orchestrator (the same handshake and signing work without 19 others beside it).
 */
final class SelectionBench {

    private static final int ORCHESTRATORS = 20;
    private static final int HANGING = 15;

    private final BenchOptions options;
    private final Report report;

    SelectionBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run() throws Exception {
        int rounds = options.smoke ? 2 : 10;
        SelectionRequest wanted = SelectionRequest.of(Pipeline.TEXT_TO_IMAGE, null);
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(ORCHESTRATORS).start();
                NettyTransport transport = NettyTransport.builder().ioThreads(2).build()) {
            List<String> addresses = sim.orchestratorAddresses();
            for (int i = 0; i < HANGING; i++) {
                sim.orchestrator(i).grpcFaults().always(GrpcFaults.Fault.hanging());
            }
            List<String> live = addresses.subList(HANGING, ORCHESTRATORS);
            List<Double> all = new ArrayList<>();
            List<Double> afterProbe = new ArrayList<>();
            List<Double> fastestSingle = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] timed = select(sim, transport, addresses, wanted);
                all.add(timed[0]);
                afterProbe.add(timed[0] - timed[1]);
                double fastest = Double.MAX_VALUE;
                for (String one : live) {
                    fastest = Math.min(fastest, select(sim, transport, List.of(one), wanted)[0]);
                }
                fastestSingle.add(fastest);
            }
            // the first round pays for class loading and JIT on both sides
            List<Double> steadyAll = all.size() > 1 ? all.subList(1, all.size()) : all;
            List<Double> steadyOne =
                    fastestSingle.size() > 1 ? fastestSingle.subList(1, fastestSingle.size()) : fastestSingle;
            List<Double> steadyAfter = afterProbe.size() > 1 ? afterProbe.subList(1, afterProbe.size()) : afterProbe;
            Percentiles selection = new Percentiles(toArray(steadyAll));
            Percentiles probe = new Percentiles(toArray(steadyOne));
            Percentiles after = new Percentiles(toArray(steadyAfter));
            double extra = selection.at(50) - probe.at(50);
            report.add(
                    "4. selection",
                    "20 orchestrators, 15 hanging: select ms p50 / max (" + steadyAll.size() + " rounds)",
                    Report.number(selection.at(50), 1) + " / " + Report.number(selection.at(100), 1),
                    "a gateway knowing one live orchestrator, fastest of 5: p50 " + Report.number(probe.at(50), 1)
                            + " ms; extra " + Report.number(extra, 1) + " ms");
            report.add(
                    "4. selection",
                    "same, select − fastest live probe in the same selection, ms p50 / max",
                    Report.number(after.at(50), 1) + " / " + Report.number(after.at(100), 1),
                    "goal ≤ 50 ms (the default selection window is " + GatewayConfig.DEFAULT_SELECTION_WINDOW.toMillis()
                            + " ms)");
        }
    }

    /**
     * A new gateway (no cached info, no pinned certificates) selects once; only the selection is
     * timed. Returns the selection's ms and the chosen orchestrator's probe ms.
     */
    private static double[] select(
            LivepeerSimulator sim, NettyTransport transport, List<String> orchestrators, SelectionRequest wanted)
            throws Exception {
        GatewayConfig config = GatewayConfig.builder()
                .orchestrators(orchestrators)
                .signerUrl(sim.signerUrl())
                .build();
        try (LivepeerGateway gateway =
                LivepeerGateway.builder(config).transport(transport).build()) {
            long start = System.nanoTime();
            OrchestratorSession chosen = gateway.select(wanted).get(30, TimeUnit.SECONDS);
            double total = (System.nanoTime() - start) / 1e6;
            return new double[] {total, chosen.latency().toNanos() / 1e6};
        }
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
