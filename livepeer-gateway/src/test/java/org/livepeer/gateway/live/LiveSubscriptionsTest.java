package org.livepeer.gateway.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.trickle.TrickleCompatibility;
import org.livepeer.trickle.LagPolicy;
import org.livepeer.trickle.Segment;

/** Where a live job's output and events start, what its output does when the reader lags, and empty segments. */
class LiveSubscriptionsTest {

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

    private LiveVideoJob startJob(LiveJobSettings settings) {
        if (sim == null) {
            sim = LivepeerSimulator.builder().orchestrators(1).start();
        }
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        job = LiveVideoJob.start(gateway, LiveJobRequest.of("streamdiffusion"), settings)
                .join();
        return job;
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "v".repeat(3_000 + i)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Segment segment) throws Exception {
        try (segment) {
            return segment.readAllBytes();
        }
    }

    @Test
    void eventsStartAtTheLiveEdgeByDefaultSoTheRunnersStartEventIsNotReplayed() throws Exception {
        startJob(LiveJobSettings.defaults());
        job.control(Map.of("prompt", "a dog")).join();

        JsonNode first = job.nextEvent(task -> new Thread(task, "test-event-reader").start())
                .join();
        assertEquals("params_update", first.path("type").asText());
    }

    @Test
    void eventsFromSeqZeroIncludeTheRunnersStartEvent() throws Exception {
        startJob(LiveJobSettings.defaults().withSubscribeStart(0));

        JsonNode first = job.nextEvent(task -> new Thread(task, "test-event-reader").start())
                .join();
        assertEquals("runner_started", first.path("type").asText());
    }

    @Test
    void outputPublishedRightAfterTheStartIsDeliveredFromTheLiveEdge() throws Exception {
        // against go-livepeer v0.8.10 there is no /next: the input goes to -1, the output still flows
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .trickleCompatibility(TrickleCompatibility.V0_8_10)
                .start();
        startJob(LiveJobSettings.defaults());
        // "live edge" means where the output is when the subscription reaches the server
        OutputSubscribers.awaitWaiting(sim, job);
        for (int i = 0; i < 3; i++) {
            job.publish(segment(i)).join();
        }
        for (int i = 0; i < 3; i++) {
            Segment output = job.nextOutput().join();
            assertEquals(i, output.seq());
            assertArrayEquals(segment(i), read(output));
        }
    }

    @Test
    void skipToLatestLetsASlowReaderCatchUpWithTheLiveEdge() throws Exception {
        startJob(LiveJobSettings.defaults().withLagPolicy(LagPolicy.SKIP_TO_LATEST, 1));
        OutputSubscribers.awaitWaiting(sim, job);
        // four segments: all still in the output channel's window of five (the fifth slot holds
        // the pre-created next one)
        for (int i = 0; i < 4; i++) {
            job.publish(segment(i)).join();
        }

        Segment first = job.nextOutput().join();
        assertEquals(0, first.seq());
        assertArrayEquals(segment(0), read(first));
        Segment caughtUp = job.nextOutput().join();
        assertEquals(3, caughtUp.seq(), "segments 1 and 2 were skipped");
        assertArrayEquals(segment(3), read(caughtUp));
    }

    @Test
    void anEmptyInputSegmentComesBackAsAnEmptyOutputSegment() throws Exception {
        startJob(LiveJobSettings.defaults());
        OutputSubscribers.awaitWaiting(sim, job);
        job.publish(segment(0)).join();
        job.publish(new byte[0]).join();
        job.publish(segment(2)).join();

        assertArrayEquals(segment(0), read(job.nextOutput().join()));
        Segment empty = job.nextOutput().join();
        assertEquals(1, empty.seq());
        assertEquals(0, read(empty).length);
        assertArrayEquals(segment(2), read(job.nextOutput().join()));
    }
}
