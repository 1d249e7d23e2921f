package org.livepeer.gateway.ai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NettyLeaks;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;

/** A thousand failing batch calls leave no threads, files or direct memory behind. */
class BatchFailuresSoakTest {

    /** An orchestrator whose every batch answer is an error. */
    private static final class FailingNetwork implements AutoCloseable {
        final LivepeerSimulator sim =
                LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        final LivepeerGateway gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .probeTimeout(Duration.ofSeconds(10))
                        .build())
                .build();
        /** Blocking reads (uploads, error bodies of streamed answers): never an event loop. */
        final java.util.concurrent.ExecutorService blockingReads =
                java.util.concurrent.Executors.newSingleThreadExecutor();

        final BatchClient client =
                new BatchClient(gateway, BatchSettings.defaults().withMaxAttempts(1), blockingReads);
        final OrchestratorAddress address =
                OrchestratorAddress.parse("test", sim.orchestratorAddresses().get(0));

        FailingNetwork() {
            sim.orchestrator(0)
                    .httpFaults()
                    .add(FaultRule.on("POST", "/text-to-image").respond(503, "busy"));
        }

        void failOnce() throws Exception {
            ExecutionException error =
                    assertThrows(ExecutionException.class, () -> client.run(BatchRequest.of(TextToImageRequest.of("x")
                                            .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                                            .setWidth(64)
                                            .setHeight(64))
                                    .pinnedTo(address))
                            .get(30, TimeUnit.SECONDS));
            assertEquals(
                    503,
                    assertInstanceOf(AiRequestException.class, error.getCause()).status());
        }

        @Override
        public void close() {
            blockingReads.shutdownNow();
            try {
                blockingReads.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gateway.close();
            sim.close();
        }
    }

    private record Resources(int threads, int fds, long directBuffers) {
        static Resources now() {
            long direct = 0;
            for (PoolArenaMetric arena : PooledByteBufAllocator.DEFAULT.metric().directArenas()) {
                // live buffers (allocations not yet released); pooled chunks themselves stay reserved
                direct += arena.numActiveAllocations();
            }
            String[] fds = new File("/proc/self/fd").list();
            int threads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    // grpc-java's JVM-wide cached executor keeps idle threads for a minute
                    .filter(t -> !t.getName().startsWith("grpc-default-executor"))
                    // the thread Awaitility checks the condition on is the check's own
                    .filter(t -> !t.getName().startsWith("awaitility"))
                    .count();
            return new Resources(threads, fds == null ? 0 : fds.length, direct);
        }
    }

    @Test
    void aThousandFailingBatchCallsLeaveThreadsFilesAndDirectMemoryAsTheyWere() throws Exception {
        try (FailingNetwork warmUp = new FailingNetwork()) {
            for (int i = 0; i < 20; i++) {
                warmUp.failOnce();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("globalEventExecutor")));
        Resources before = Resources.now();
        NettyLeaks.reset();

        try (FailingNetwork network = new FailingNetwork()) {
            for (int i = 0; i < 1_000; i++) {
                network.failOnce();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Resources after = Resources.now();
            assertTrue(
                    after.threads() <= before.threads(), "threads " + after + " vs " + before + ": " + threadNames());
            assertTrue(after.fds() <= before.fds(), "file descriptors " + after + " vs " + before);
            assertTrue(
                    after.directBuffers() <= before.directBuffers(),
                    "live Netty direct buffers " + after + " vs " + before);
        });
        NettyLeaks.assertNone();
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
