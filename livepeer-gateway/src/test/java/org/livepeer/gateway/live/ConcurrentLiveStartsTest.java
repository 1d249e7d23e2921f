package org.livepeer.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.simulator.LivepeerSimulator;

/** Many live jobs started at once in one gateway each pay with ticket parameters of their own. */
class ConcurrentLiveStartsTest {

    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    // 200 TLS handshakes at once on a loaded build machine take longer than the default allows
    private final org.livepeer.http.NettyTransport transport = org.livepeer.http.NettyTransport.builder()
            .connectTimeout(Duration.ofSeconds(60))
            .build();

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        transport.close();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void twoHundredLiveJobsStartedAtOnceAllStartAndNoSenderNonceRepeats() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .orchestratorDefaults(o -> o.defaultCapacity(200))
                .start();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .token(sim.token())
                        .probeTimeout(Duration.ofSeconds(15))
                        .requestTimeout(Duration.ofSeconds(60))
                        .build())
                .transport(transport)
                .build();
        LiveJobStarter starter = new LiveJobStarter(gateway, LiveJobSettings.defaults());

        List<CompletableFuture<LiveJobStarter.Started>> starts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            starts.add(
                    starter.start(LiveJobRequest.of("streamdiffusion").withIds("stream-" + i, "req-" + i), List.of()));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();

        Set<String> manifests = new HashSet<>();
        for (CompletableFuture<LiveJobStarter.Started> start : starts) {
            manifests.add(start.join().channels().manifestId());
        }
        assertEquals(200, manifests.size(), "200 distinct jobs");
        long received = 0;
        for (var orchestrator : sim.orchestrators()) {
            assertEquals(0, orchestrator.tickets().nonceCounts().reused(), "no sender nonce sent twice");
            received += orchestrator.tickets().nonceCounts().received();
        }
        assertTrue(received >= 200, "every start paid: " + received + " tickets");
    }
}
