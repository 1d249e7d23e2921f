package org.livepeer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.BatchClient;
import org.livepeer.gateway.ai.BatchSettings;
import org.livepeer.gateway.ai.DirectCall;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/**
 * Batch requests through the library's {@link BatchClient} (selection, payment through the signer,
 * the orchestrator call) against one direct HTTP call of the same request to the same orchestrator
 * with payment headers made beforehand, at concurrency 1 and 64. Counts each batch request's round
 * trips at the simulator (in this JVM, so that its counters can be read).
 */
final class BatchBench {

    /** The simulator's default LLM model. */
    private static final String MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    private final BenchOptions options;
    private final Report report;

    BatchBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** Latencies in ms of the requests that succeeded, how many failed and the first failure, and the wall time. */
    private record Outcome(double[] millis, int failures, String firstFailure, double seconds) {
        double perSecond() {
            return millis.length / seconds;
        }
    }

    void run() throws Exception {
        int requests = options.smoke ? 16 : options.batchRequests;
        LlmRequest request = LlmRequest.of("benchmark").setModel(MODEL);
        DirectCall direct = new DirectCall(request);
        try (LivepeerSimulator sim = LivepeerSimulator.builder()
                        .orchestrators(1)
                        .orchestratorDefaults(o -> o.defaultCapacity(256))
                        .start();
                LivepeerGateway gateway = LivepeerGateway.builder(
                                GatewayConfig.builder().token(sim.token()).build())
                        .build()) {
            // llm requests upload nothing: the upload executor is never used
            BatchClient batch = new BatchClient(gateway, BatchSettings.defaults(), Runnable::run);
            SimOrchestrator orchestrator = sim.orchestrator(0);
            FaultRule signerCalls = sim.signer().faults().add(FaultRule.on(null, ".*"));
            FaultRule orchestratorCalls = orchestrator.httpFaults().add(FaultRule.on("POST", ".*/llm"));
            OrchestratorSession session =
                    gateway.select(SelectionRequest.of(Pipeline.LLM, MODEL)).get(30, TimeUnit.SECONDS);
            PaymentSession payments = gateway.paymentSession(session, PaymentType.PER_PIXEL);
            String url = session.transcoderUrl();

            for (int concurrency : new int[] {1, 64}) {
                int n = concurrency == 1 ? Math.max(8, requests / 4) : requests;
                // warm both paths up (JIT, connections, cached orchestrator info)
                measure(Math.min(n, 32), concurrency, () -> batch.run(request).thenApply(r -> null));
                measure(Math.min(n, 32), concurrency, directCall(gateway, direct, payments, url, Math.min(n, 32)));

                Supplier<CompletableFuture<Void>> directCalls = directCall(gateway, direct, payments, url, n);
                Outcome baseline = measure(n, concurrency, directCalls);
                long signerBefore = signerCalls.hits();
                long orchestratorBefore = orchestratorCalls.hits();
                long infoBefore = orchestrator.getOrchestratorCalls();
                Outcome ours = measure(n, concurrency, () -> batch.run(request).thenApply(r -> null));
                int done = Math.max(1, ours.millis.length + ours.failures);
                String section = "3. batch, concurrency " + concurrency;
                Percentiles ourLatency = new Percentiles(ours.millis);
                Percentiles baseLatency = new Percentiles(baseline.millis);
                double added = (ourLatency.at(50) - baseLatency.at(50)) / baseLatency.at(50);
                report.add(
                        section,
                        "requests per second (" + n + " llm requests)",
                        Report.number(ours.perSecond(), 0),
                        "direct HTTP call: " + Report.number(baseline.perSecond(), 0) + "/s; failures " + ours.failures
                                + (ours.firstFailure == null ? "" : " (" + ours.firstFailure + ")"));
                report.add(
                        section,
                        "latency p50 / p95 ms",
                        Report.number(ourLatency.at(50), 1) + " / " + Report.number(ourLatency.at(95), 1),
                        "direct: " + Report.number(baseLatency.at(50), 1) + " / " + Report.number(baseLatency.at(95), 1)
                                + "; added at p50: " + Report.number(added * 100, 0) + " % (goal ≤ "
                                + (concurrency == 1 ? "5" : "20") + " %)");
                report.add(
                        section,
                        "round trips per request: signer / GetOrchestrator / orchestrator",
                        Report.number((signerCalls.hits() - signerBefore) / (double) done, 2) + " / "
                                + Report.number((orchestrator.getOrchestratorCalls() - infoBefore) / (double) done, 2)
                                + " / "
                                + Report.number((orchestratorCalls.hits() - orchestratorBefore) / (double) done, 2),
                        "direct: 0 / 0 / 1");
            }
        }
    }

    /** Direct calls with payment headers made (untimed) before the run starts. */
    private static Supplier<CompletableFuture<Void>> directCall(
            LivepeerGateway gateway, DirectCall direct, PaymentSession payments, String url, int count)
            throws Exception {
        ConcurrentLinkedQueue<PaymentHeaders> paid = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            // a new payment session per request, as a batch request without credit carried over pays
            PaymentHeaders headers = gateway.paymentSession(payments.orchestrator(), PaymentType.PER_PIXEL)
                    .headers(direct.units())
                    .get(30, TimeUnit.SECONDS);
            if (headers == null) {
                throw new IllegalStateException("the signer issued no tickets for a new payment session");
            }
            paid.add(headers);
        }
        return () -> gateway.transport()
                .send(direct.request(url, paid.remove(), gateway.orchestratorTls()))
                .thenApply(BatchBench::requireSuccess);
    }

    private static Void requireSuccess(HttpResponse response) {
        if (!response.isSuccess()) {
            throw new IllegalStateException("HTTP " + response.status() + " "
                    + response.bodyAsString().lines().findFirst().orElse(""));
        }
        return null;
    }

    private static Outcome measure(int count, int concurrency, Supplier<CompletableFuture<Void>> call)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<Double> millis = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            long begun = System.nanoTime();
            CompletableFuture<Void> future;
            try {
                future = call.get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ok, error) -> {
                long ended = System.nanoTime();
                if (error == null) {
                    synchronized (millis) {
                        millis.add((ended - begun) / 1e6);
                    }
                } else {
                    failures.incrementAndGet();
                    errors.add(String.valueOf(error.getMessage()));
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(concurrency, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("batch requests still running after 2 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (millis) {
            String first = errors.peek();
            if (first != null && first.length() > 160) {
                first = first.substring(0, 160) + "…";
            }
            return new Outcome(
                    millis.stream().mapToDouble(Double::doubleValue).toArray(), failures.get(), first, seconds);
        }
    }
}
