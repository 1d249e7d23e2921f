package org.livepeer.gateway.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.simulator.LivepeerSimulator;

class OrchestratorSessionRefreshTest {

    @Test
    void aRefreshThatFailsAtOnceDoesNotStickAndTheNextRefreshAsksTheOrchestrator() {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (LivepeerSimulator sim = LivepeerSimulator.builder()
                        .orchestrators(1)
                        .offchain(true)
                        .start();
                OrchestratorRpc rpc = new OrchestratorRpc(group, new TofuTrustStore())) {
            AtomicInteger asked = new AtomicInteger();
            // the first credentials fail before any network call, so that refresh completes at once
            SenderCredentials.Source credentials = () -> asked.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("signer down"))
                    : CompletableFuture.completedFuture(SenderCredentials.NONE);
            OrchestratorSession session = new OrchestratorSession(
                    OrchestratorAddress.parse(
                            "test", sim.orchestratorAddresses().get(0)),
                    Pipeline.TEXT_TO_IMAGE,
                    "ByteDance/SDXL-Lightning",
                    rpc,
                    credentials,
                    Duration.ofSeconds(15),
                    Duration.ofMinutes(5),
                    Clock.systemUTC());

            assertThrows(CompletionException.class, () -> session.refresh().join());
            assertNotNull(session.refresh().join(), "a second refresh asks the orchestrator again");
            assertEquals(1, sim.orchestrator(0).getOrchestratorCalls());

            assertNotNull(session.claimCachedInfo(), "the cached info goes to one payment session");
            assertNull(session.claimCachedInfo(), "and to no other");
            assertNotNull(session.refresh().join());
            assertNotNull(session.claimCachedInfo(), "fresh info can be claimed again");
            assertEquals(2, sim.orchestrator(0).getOrchestratorCalls());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
