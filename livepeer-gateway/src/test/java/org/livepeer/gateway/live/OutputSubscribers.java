package org.livepeer.gateway.live;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/**
 * Output subscriptions start at the live edge: wherever the output is when the first GET reaches the
 * orchestrator. A test that expects the output of its first published segment waits for that GET.
 */
final class OutputSubscribers {

    private OutputSubscribers() {}

    static void awaitWaiting(LivepeerSimulator sim, LiveVideoJob job) {
        String authority = job.orchestrator().authority();
        SimOrchestrator orchestrator = sim.orchestrators().stream()
                .filter(o -> o.address().equals(authority))
                .findFirst()
                .orElseThrow();
        String output = job.manifestId() + "-out";
        await().atMost(Duration.ofSeconds(30)).until(() -> orchestrator
                .trickle()
                .channel(output)
                .map(channel -> channel.activeSubscribers() > 0)
                .orElse(false));
    }
}
