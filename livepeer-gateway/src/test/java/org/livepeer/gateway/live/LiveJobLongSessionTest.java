package org.livepeer.gateway.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.MutableClock;
import org.livepeer.gateway.NettyLeaks;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.live.LiveSession;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.trickle.Segment;

/** A live job over many simulated minutes: moves, parameter replay, payment cadence. */
class LiveJobLongSessionTest {

    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    private LiveVideoJob job;
    private final Map<SimOrchestrator, FaultRule> paymentPosts = new HashMap<>();

    @BeforeEach
    void forgetEarlierLeaks() {
        NettyLeaks.reset();
    }

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
        NettyLeaks.assertNone();
    }

    private void startJob(int orchestrators, LiveJobSettings settings, MutableClock clock) {
        sim = LivepeerSimulator.builder().orchestrators(orchestrators).start();
        for (SimOrchestrator orchestrator : sim.orchestrators()) {
            // a rule with no action only counts the requests it sees
            paymentPosts.put(orchestrator, orchestrator.httpFaults().add(FaultRule.on("POST", "/payment")));
        }
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
        OutputSubscribers.awaitWaiting(sim, job);
    }

    private int paymentPosts() {
        return paymentPosts.values().stream().mapToInt(FaultRule::hits).sum();
    }

    private SimOrchestrator current() {
        String authority = job.orchestrator().authority();
        return sim.orchestrators().stream()
                .filter(o -> o.address().equals(authority))
                .findFirst()
                .orElseThrow();
    }

    private LiveSession runnerOf(SimOrchestrator orchestrator) {
        return orchestrator.liveSession(job.manifestId()).orElseThrow();
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "v".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes a segment and reads its output, so no output waits unread. */
    private void roundTrip(int i) throws Exception {
        job.publish(segment(i)).get(20, TimeUnit.SECONDS);
        drain(job.nextOutput());
    }

    private static void drain(CompletableFuture<Segment> output) throws Exception {
        try (Segment segment = output.get(30, TimeUnit.SECONDS)) {
            segment.readAllBytes();
        }
    }

    @Test
    void aLongSessionMovesManyTimesReplaysItsParametersAndPaysOnlyWhileSegmentsFlow() throws Exception {
        MutableClock clock = MutableClock.now();
        startJob(2, LiveJobSettings.defaults(), clock);
        int published = 0;

        for (int move = 1; move <= 5; move++) {
            String prompt = "prompt before move " + move;
            job.control(Map.of("prompt", prompt)).get(20, TimeUnit.SECONDS);
            SimOrchestrator before = current();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> prompt.equals(
                            runnerOf(before).params().path("prompt").asText()));

            // minutes without input: no payment
            int paid = paymentPosts();
            clock.advance(Duration.ofMinutes(4));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> paymentPosts() == paid);

            // input flows again: one payment, however many segments arrive within the interval
            for (int i = 0; i < 3; i++) {
                roundTrip(published++);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> paymentPosts() == paid + 1);
            roundTrip(published++);
            assertEquals(paid + 1, paymentPosts());

            // the orchestrator dies; the job moves and the runner there gets the last parameters
            CompletableFuture<Segment> output = job.nextOutput();
            before.stop();
            int expected = move;
            await().atMost(Duration.ofSeconds(60)).until(() -> job.stats().recoveries() == expected);
            SimOrchestrator after = current();
            assertNotEquals(before.address(), after.address());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> prompt.equals(
                            runnerOf(after).params().path("prompt").asText()));
            job.publish(segment(published++)).get(20, TimeUnit.SECONDS);
            drain(output);
            before.start();
        }
        assertEquals(5, job.stats().recoveries());
        assertTrue(job.stats().payments() >= 5, job.stats().toString());
    }

    @Test
    void aThirdMoveWithinTheRecoveryWindowEndsTheJob() throws Exception {
        MutableClock clock = MutableClock.now();
        startJob(3, LiveJobSettings.defaults().withRecoveryLimit(2, Duration.ofMinutes(3)), clock);

        for (int move = 1; move <= 2; move++) {
            CompletableFuture<Segment> output = job.nextOutput();
            SimOrchestrator before = current();
            before.stop();
            int expected = move;
            await().atMost(Duration.ofSeconds(60)).until(() -> job.stats().recoveries() == expected);
            // less than the output stall timeout, so the new orchestrator's silence so far is no stall
            clock.advance(Duration.ofSeconds(20));
            job.publish(segment(move)).get(20, TimeUnit.SECONDS);
            drain(output);
            roundTrip(10 + move);
        }

        CompletableFuture<Segment> output = job.nextOutput();
        current().stop();
        ExecutionException error = assertThrows(ExecutionException.class, () -> output.get(60, TimeUnit.SECONDS));
        assertTrue(
                error.getCause().getMessage().contains("gave up"),
                error.getCause().getMessage());
        assertEquals(2, job.stats().recoveries());
        assertTrue(job.stats().lastError().contains("gave up"), job.stats().lastError());
        assertThrows(ExecutionException.class, () -> job.publish(segment(9)).get(20, TimeUnit.SECONDS));
    }

    @Test
    void noPaymentIsMadeWhileNoSegmentsFlow() throws Exception {
        startJob(1, LiveJobSettings.defaults().withPaymentInterval(Duration.ofMillis(20)), null);
        job.publish(segment(0)).get(20, TimeUnit.SECONDS);
        long asked = signerCalls();

        // a fixed timer would ask the signer about 25 times in this half second
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> signerCalls() == asked);

        // the signer decides whether tickets are due (the first payment preloads credit), but each
        // segment that flows after an interval asks it
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            job.publish(segment(1)).get(20, TimeUnit.SECONDS);
            drain(job.nextOutput());
            return signerCalls() > asked;
        });
    }

    /** Payment attempts: the signer's answers, with or without tickets. */
    private long signerCalls() {
        LiveJobStats stats = job.stats();
        return stats.payments() + stats.paymentsSkipped();
    }
}
