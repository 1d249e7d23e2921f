package org.livepeer.gateway.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.FastClock;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.trickle.Segment;

class LiveVideoJobTest {

    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    private LiveVideoJob job;
    /** Reads event bodies, as a caller's executor does; counts what it ran. */
    private final AtomicInteger eventReads = new AtomicInteger();

    private final ExecutorService eventReader = Executors.newSingleThreadExecutor();
    private final Executor countingReader = task -> {
        eventReads.incrementAndGet();
        eventReader.execute(task);
    };

    @AfterEach
    void close() {
        eventReader.shutdownNow();
        if (job != null) {
            job.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private LiveVideoJob startJob(LiveJobSettings settings) {
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        job = LiveVideoJob.start(gateway, LiveJobRequest.of("streamdiffusion"), settings)
                .join();
        OutputSubscribers.awaitWaiting(sim, job);
        return job;
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "v".repeat(20_000 + i)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Segment segment) throws Exception {
        try (segment) {
            return segment.readAllBytes();
        }
    }

    @Test
    void outputSegmentsEqualInputSegmentsInOrder() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        startJob(LiveJobSettings.defaults());

        for (int i = 0; i < 8; i++) {
            job.publish(segment(i)).join();
            assertArrayEquals(segment(i), read(job.nextOutput().join()), "segment " + i);
        }
        assertEquals(8, job.stats().segmentsIn());
        assertEquals(8, job.stats().segmentsOut());
    }

    @Test
    void periodicPaymentsKeepASessionRunningPastItsInitialCredit() throws Exception {
        double speed = 40;
        FastClock signerClock = new FastClock(speed);
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signer(config -> config.clock(signerClock))
                .orchestratorDefaults(o -> o.liveBillingSpeed(speed).livePaymentInterval(Duration.ofMillis(100)))
                .start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        startJob(LiveJobSettings.defaults().withPaymentInterval(Duration.ofMillis(200)));
        String manifest = job.manifestId();

        // the 60 s preloaded by the first payment last 1.5 s at this speed; run for 180 simulated seconds
        int i = 0;
        while (signerClock.elapsed().compareTo(Duration.ofSeconds(180)) < 0) {
            job.publish(segment(i)).join();
            assertArrayEquals(segment(i), read(job.nextOutput().join()));
            i++;
        }

        assertTrue(orchestrator.liveSession(manifest).isPresent(), "the session is still running");
        assertEquals(0, job.stats().recoveries());
        assertTrue(job.stats().payments() > 2, "paid periodically: " + job.stats());
        assertTrue(orchestrator.balances().totalDebited(manifest).signum() > 0);
        assertTrue(orchestrator.paymentsAccepted() > 2);
    }

    @Test
    void controlUpdatesReachTheRunnerAndComeBackAsEvents() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        startJob(LiveJobSettings.defaults());

        job.control(Map.of("prompt", "a dog")).join();

        JsonNode update = null;
        for (int i = 0; i < 5 && update == null; i++) {
            JsonNode event = job.nextEvent(countingReader).join();
            if ("params_update".equals(event.path("type").asText())) {
                update = event;
            }
        }
        assertEquals("a dog", update.get("params").get("prompt").asText());
        assertEquals(1, job.stats().controlMessages());
        assertTrue(eventReads.get() > 0, "event bodies were read on the caller's executor");
    }

    @Test
    void whenTheOrchestratorDiesTheSessionContinuesOnAnotherOne() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        startJob(LiveJobSettings.defaults());
        job.publish(segment(0)).join();
        assertArrayEquals(segment(0), read(job.nextOutput().join()));
        String first = job.orchestrator().authority();

        sim.orchestrators().stream()
                .filter(o -> o.address().equals(first))
                .findFirst()
                .orElseThrow()
                .stop();
        var nextOutput = job.nextOutput();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !job.orchestrator().authority().equals(first));
        job.publish(segment(1)).join();

        assertArrayEquals(segment(1), read(nextOutput.join()));
        assertNotEquals(first, job.orchestrator().authority());
        assertEquals(1, job.stats().recoveries());
        JsonNode recovered = job.nextEvent(countingReader).join();
        assertEquals("gateway_recovered", recovered.get("type").asText());
        assertEquals(first, recovered.get("from").asText());
    }
}
