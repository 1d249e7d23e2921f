package org.livepeer.gateway.selection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.orchestrator.OrchestratorRpc;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.orchestrator.OrchestratorSessions;
import org.livepeer.gateway.orchestrator.SenderCredentials;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.GrpcFaults;

/**
 * The selection window with orchestrators that never answer, on a fake clock and a timer the test
 * runs by hand: selection ends one window after the first suitable answer, never waiting for the
 * hanging probes (whose timeout is far away).
 */
class SelectionWindowTest {

    private static final String LLM_MODEL = DefaultModels.modelFor(Capability.LLM);
    private static final Duration WINDOW = Duration.ofMillis(50);
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(5);

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final TofuTrustStore pins = new TofuTrustStore();
    private final OrchestratorRpc rpc = new OrchestratorRpc(group, pins);
    private final ManualTimer timer = new ManualTimer();
    private final AtomicLong nanos = new AtomicLong();
    private final OrchestratorSessions sessions = new OrchestratorSessions(
            rpc, SenderCredentials.Source.OFFCHAIN, PROBE_TIMEOUT, Duration.ofMinutes(5), Clock.systemUTC());
    private LivepeerSimulator sim;

    @AfterEach
    void close() {
        timer.shutdownNow();
        rpc.close();
        if (sim != null) {
            sim.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void fifteenHangingOfTwentyEndOneWindowAfterTheFirstLiveAnswer() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(20).start();
        for (int i = 0; i < 15; i++) {
            sim.orchestrator(i).grpcFaults().always(GrpcFaults.Fault.hanging());
        }
        List<OrchestratorAddress> all = addresses();

        CompletableFuture<OrchestratorSession> selected =
                selector().select(SelectionRequest.of(Pipeline.LLM, LLM_MODEL), all, Set.of());

        // every live orchestrator answered; the fifteen hanging ones are still outstanding
        await().atMost(Duration.ofSeconds(30)).until(() -> all.subList(15, 20).stream()
                .allMatch(address -> session(address).cachedInfo() != null));
        assertEquals(1, timer.scheduled.size(), "one window, started by the first suitable answer");
        assertEquals(WINDOW.toNanos(), timer.scheduled.get(0).nanos());
        assertFalse(selected.isDone(), "decides when the window ends, not at an answer inside it");

        timer.scheduled.get(0).task().run();

        OrchestratorSession chosen = selected.getNow(null);
        int index = sim.orchestratorAddresses().indexOf(chosen.address().authority());
        assertTrue(index >= 15, "chose a live orchestrator, got #" + index);
    }

    @Test
    void anAnswerArrivingAfterTheWindowRanOutDecidesWithoutWaitingForItsTimer() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(3).start();
        sim.orchestrator(0).grpcFaults().always(GrpcFaults.Fault.hanging());
        // answers well after the fast one (the delay only orders the answers; nothing is timed)
        sim.orchestrator(1).grpcFaults().always(GrpcFaults.Fault.delay(Duration.ofSeconds(3)));
        List<OrchestratorAddress> all = addresses();

        CompletableFuture<OrchestratorSession> selected =
                selector().select(SelectionRequest.of(Pipeline.LLM, LLM_MODEL), all, Set.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !timer.scheduled.isEmpty());
        assertFalse(selected.isDone());
        nanos.addAndGet(WINDOW.toNanos());

        // the window timer never runs: the late answer ends the selection
        OrchestratorSession chosen = selected.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(sim.orchestratorAddresses().get(2), chosen.address().authority());
    }

    private OrchestratorSelector selector() {
        return new OrchestratorSelector(
                sessions,
                new Suspensions(Duration.ofSeconds(30), Duration.ofMinutes(5), Clock.systemUTC()),
                SelectionStrategy.DEFAULT,
                WINDOW,
                timer,
                nanos::get);
    }

    private OrchestratorSession session(OrchestratorAddress address) {
        return sessions.get(address, Pipeline.LLM, LLM_MODEL);
    }

    private List<OrchestratorAddress> addresses() {
        return sim.orchestratorAddresses().stream()
                .map(a -> OrchestratorAddress.parse("test", a))
                .toList();
    }

    /** Records scheduled tasks instead of running them; the test runs them. */
    private static final class ManualTimer extends ScheduledThreadPoolExecutor {
        record Scheduled(Runnable task, long nanos) {}

        final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();

        ManualTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.add(new Scheduled(command, unit.toNanos(delay)));
            return super.schedule(() -> {}, 1, TimeUnit.DAYS);
        }
    }
}
