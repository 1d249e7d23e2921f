package org.livepeer.gateway.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NettyLeaks;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/**
 * Many paid live sessions started and stopped in one JVM leave threads, descriptors and memory as
 * they were, and release every Netty buffer they used.
 */
class LiveJobCyclesTest {

    private static final int CYCLES = Integer.getInteger("livepeer.liveCycles", 1000);
    private static final int WARM_UP = 20;
    /** Pooled direct memory grows and shrinks in chunks; a leak of a buffer per session would exceed this. */
    private static final long DIRECT_MEMORY_SLACK = 16L * 1024 * 1024;
    /** Idle pooled connections to the simulator may come and go. */
    private static final long DESCRIPTOR_SLACK = 8;

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

    private record Resources(int threads, long descriptors, long directMemory) {
        static Resources now() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            long descriptors = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
            long direct = Math.max(
                    PlatformDependent.usedDirectMemory(),
                    PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), descriptors, direct);
        }

        boolean within(Resources baseline) {
            return threads <= baseline.threads
                    && descriptors <= baseline.descriptors + DESCRIPTOR_SLACK
                    && directMemory <= baseline.directMemory + DIRECT_MEMORY_SLACK;
        }
    }

    private void cycle(int i) throws Exception {
        LiveVideoJob job = LiveVideoJob.start(gateway, LiveJobRequest.of("streamdiffusion"), LiveJobSettings.defaults())
                .get(30, TimeUnit.SECONDS);
        try {
            job.publish(("segment " + i).getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
        } finally {
            job.close();
        }
    }

    @Test
    void aThousandLiveSessionsStartedAndStoppedLeaveThreadsDescriptorsAndDirectMemoryAtTheirBaseline()
            throws Exception {
        // payments on: every session is paid through the remote signer as it starts and while it runs
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .token(sim.token())
                        .probeTimeout(Duration.ofSeconds(20))
                        .build())
                .build();
        for (int i = 0; i < WARM_UP; i++) {
            cycle(i);
        }
        Resources baseline = Resources.now();
        long paymentsBefore = payments();
        NettyLeaks.reset();

        for (int i = 0; i < CYCLES; i++) {
            cycle(i);
        }

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .alias("threads, descriptors and direct memory back to " + baseline)
                .until(Resources::now, now -> now.within(baseline));
        for (SimOrchestrator orchestrator : sim.orchestrators()) {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> orchestrator.liveSessions().isEmpty());
            assertTrue(
                    orchestrator.trickle().channelNames().isEmpty(),
                    orchestrator.trickle().channelNames()::toString);
        }
        long started = sim.orchestrators().stream()
                .mapToLong(o -> o.trickle().channelsCreated())
                .sum();
        assertEquals(4L * (CYCLES + WARM_UP), started);
        assertTrue(payments() - paymentsBefore >= CYCLES, "every session was paid: " + (payments() - paymentsBefore));
        NettyLeaks.assertNone();
    }

    private long payments() {
        return sim.orchestrators().stream()
                .mapToLong(SimOrchestrator::paymentsAccepted)
                .sum();
    }
}
