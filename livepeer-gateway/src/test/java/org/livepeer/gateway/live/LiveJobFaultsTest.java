package org.livepeer.gateway.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.MutableClock;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.trickle.PublishedSegment;
import org.livepeer.trickle.Segment;

/** Live jobs against orchestrators that freeze, stall, refuse payments or fail while the job is closed. */
class LiveJobFaultsTest {

    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    private LiveVideoJob job;

    @AfterEach
    void close() {
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

    private LiveVideoJob startJob(LiveJobSettings settings, MutableClock clock) {
        startJobWithoutWaiting(settings, clock);
        OutputSubscribers.awaitWaiting(sim, job);
        return job;
    }

    /** Starts the job without waiting for its output subscription to reach the orchestrator. */
    private LiveVideoJob startJobWithoutWaiting(LiveJobSettings settings, MutableClock clock) {
        LivepeerGateway.Builder builder = LivepeerGateway.builder(GatewayConfig.builder()
                .token(sim.token())
                .probeTimeout(Duration.ofSeconds(20))
                .build());
        if (clock != null) {
            builder.clock(clock);
        }
        gateway = builder.build();
        job = LiveVideoJob.start(gateway, LiveJobRequest.of("streamdiffusion"), settings)
                .join();
        return job;
    }

    private SimOrchestrator currentOrchestrator() {
        String authority = job.orchestrator().authority();
        return sim.orchestrators().stream()
                .filter(o -> o.address().equals(authority))
                .findFirst()
                .orElseThrow();
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "v".repeat(10_000 + i)).getBytes(StandardCharsets.UTF_8);
    }

    private static void drain(CompletableFuture<Segment> output) throws Exception {
        try (Segment segment = output.get(20, TimeUnit.SECONDS)) {
            segment.readAllBytes();
        }
    }

    private JsonNode recoveredEvent() {
        for (int i = 0; i < 10; i++) {
            JsonNode event = job.nextEvent(task -> new Thread(task, "test-event-reader").start())
                    .join();
            if (event != null && "gateway_recovered".equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("no gateway_recovered event");
    }

    @Test
    void aFrozenOrchestratorIsLeftOnceASegmentWaitedTheInputSegmentTimeout() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        Duration timeout = Duration.ofMillis(500);
        startJob(LiveJobSettings.defaults().withInputSegmentTimeout(timeout), null);
        job.publish(segment(0)).join();
        drain(job.nextOutput());
        SimOrchestrator frozen = currentOrchestrator();

        frozen.freeze();
        long started = System.nanoTime();
        CompletableFuture<PublishedSegment> stuck = job.publish(segment(1));

        // the transport's own response timeout (30 s) would end it only much later
        ExecutionException error = assertThrows(ExecutionException.class, () -> stuck.get(10, TimeUnit.SECONDS));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waitedMillis >= timeout.toMillis(), "failed after " + waitedMillis + " ms: " + error);
        await().atMost(Duration.ofSeconds(30)).until(() -> job.stats().recoveries() == 1);
        JsonNode recovered = recoveredEvent();
        assertEquals(frozen.address(), recovered.get("from").asText());
        assertTrue(recovered.get("reason").asText().contains("inputSegmentTimeout"), recovered.toString());
        assertNotEquals(frozen.address(), job.orchestrator().authority());
        job.publish(segment(2)).get(20, TimeUnit.SECONDS);
        assertEquals(1, job.stats().recoveries());
    }

    @Test
    void aSegmentBeyondTheInflightLimitIsNotSentAndTheJobLeavesTheOrchestrator() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        // detection by time stays out of the way: only the in-flight limit acts here
        startJob(
                LiveJobSettings.defaults().withMaxInflightSegments(3).withInputSegmentTimeout(Duration.ofMinutes(5)),
                null);
        job.publish(segment(0)).join();
        SimOrchestrator frozen = currentOrchestrator();
        frozen.freeze();

        List<CompletableFuture<PublishedSegment>> published = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            published.add(job.publish(segment(i)));
        }

        // the fourth is refused at once; the three in flight fail when the job leaves
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<PublishedSegment> future : published) {
            ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
            failures.add(error.getCause().getMessage());
        }
        assertTrue(failures.get(3).contains("3 input segments unanswered"), failures.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> job.stats().recoveries() == 1);
        assertNotEquals(frozen.address(), job.orchestrator().authority());
        job.publish(segment(5)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void closingTheJobWhileItMovesLeavesNoSessionOnTheNextOrchestrator() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        startJob(LiveJobSettings.defaults(), null);
        job.publish(segment(0)).join();
        drain(job.nextOutput());
        SimOrchestrator first = currentOrchestrator();
        SimOrchestrator next =
                sim.orchestrators().stream().filter(o -> o != first).findFirst().orElseThrow();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        FaultRule held = next.httpFaults()
                .add(FaultRule.on("POST", "/live-video-to-video").holdUntil(gate));

        first.stop();
        CompletableFuture<Segment> output = job.nextOutput();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.hits() == 1);
        job.close();
        gate.complete(null);

        // the start completes on the next orchestrator after the close, and is undone
        await().atMost(Duration.ofSeconds(30)).until(() -> next.trickle().channelsCreated() >= 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> next.liveSessions().isEmpty()
                        && next.trickle().channelNames().isEmpty());
        Segment after = output.handle((segment, error) -> segment).get(30, TimeUnit.SECONDS);
        assertNull(after);
    }

    @Test
    void theLastErrorClearsOnceAPaymentSucceedsAgain() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        MutableClock clock = MutableClock.now();
        startJob(LiveJobSettings.defaults(), clock);
        SimOrchestrator orchestrator = currentOrchestrator();
        FaultRule refused = orchestrator
                .httpFaults()
                .add(FaultRule.on("POST", "/payment").times(1).respond(503, "busy"));

        clock.advance(Duration.ofSeconds(6));
        job.publish(segment(0)).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.stats().lastError() != null);
        assertTrue(job.stats().lastError().contains("503"), job.stats().lastError());
        assertEquals(1, refused.hits());

        long cycles = job.stats().payments() + job.stats().paymentsSkipped();
        clock.advance(Duration.ofSeconds(6));
        job.publish(segment(1)).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.stats().lastError() == null);
        assertTrue(
                job.stats().payments() + job.stats().paymentsSkipped() > cycles,
                job.stats().toString());
        assertEquals(0, job.stats().recoveries());
    }

    @Test
    void anOutputThatStallsWhileInputFlowsMovesTheJob() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(2).start();
        MutableClock clock = MutableClock.now();
        // the job opens its first output GET as it starts: the hang must be in place before
        java.util.Map<SimOrchestrator, FaultRule> hangs = new java.util.HashMap<>();
        for (SimOrchestrator orchestrator : sim.orchestrators()) {
            hangs.put(
                    orchestrator,
                    orchestrator
                            .httpFaults()
                            .add(FaultRule.on("GET", "/ai/trickle/.*-out/\\d+").hang()));
        }
        startJobWithoutWaiting(LiveJobSettings.defaults().withOutputStallTimeout(Duration.ofSeconds(10)), clock);
        SimOrchestrator stalled = currentOrchestrator();
        hangs.forEach((orchestrator, hang) -> {
            if (orchestrator != stalled) {
                orchestrator.httpFaults().remove(hang);
            }
        });

        CompletableFuture<Segment> output = job.nextOutput();
        clock.advance(Duration.ofSeconds(4));
        job.publish(segment(0)).join();
        clock.advance(Duration.ofSeconds(4));
        job.publish(segment(1)).join();
        assertEquals(stalled.address(), job.orchestrator().authority(), "8 s without output is no stall yet");
        clock.advance(Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> job.stats().recoveries() == 1);
        JsonNode recovered = recoveredEvent();
        assertTrue(recovered.get("reason").asText().contains("outputStallTimeout"), recovered.toString());
        job.publish(segment(2)).get(20, TimeUnit.SECONDS);
        drain(output);
        assertFalse(stalled.address().equals(job.orchestrator().authority()));
    }
}
