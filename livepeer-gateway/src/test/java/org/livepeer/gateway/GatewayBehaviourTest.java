package org.livepeer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.gateway.selection.SelectionStrategy;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.DefaultModels;

/** Gateway behaviours across components: tenant routing, pinning, info refresh, signer TLS. */
class GatewayBehaviourTest {

    private static final String LLM = DefaultModels.modelFor(Capability.LLM);

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

    @Test
    void aCustomStrategyRoutesEachTenantToItsOwnOrchestrators() {
        sim = LivepeerSimulator.builder().orchestrators(3).start();
        List<OrchestratorAddress> all = sim.orchestratorAddresses().stream()
                .map(a -> OrchestratorAddress.parse("test", a))
                .toList();
        SelectionStrategy perTenant = new SelectionStrategy() {
            @Override
            public List<OrchestratorAddress> candidates(SelectionRequest request, List<OrchestratorAddress> known) {
                return "acme".equals(request.attributes().get("tenant")) ? List.of(known.get(2)) : known.subList(0, 2);
            }
        };
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .strategy(perTenant)
                .build();

        OrchestratorSession acme = gateway.select(
                        SelectionRequest.of(Pipeline.LLM, LLM).withAttributes(Map.of("tenant", "acme")))
                .join();
        OrchestratorSession other = gateway.select(
                        SelectionRequest.of(Pipeline.LLM, LLM).withAttributes(Map.of("tenant", "globex")))
                .join();

        assertEquals(all.get(2), acme.address());
        assertNotEquals(all.get(2), other.address());
    }

    @Test
    void aPinnedOrchestratorIsTheOnlyOneTried() {
        sim = LivepeerSimulator.builder().orchestrators(3).start();
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        OrchestratorAddress second =
                OrchestratorAddress.parse("test", sim.orchestrator(1).address());

        assertEquals(
                second,
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM).pinnedTo(second))
                        .join()
                        .address());

        sim.orchestrator(2).stop();
        OrchestratorAddress third =
                OrchestratorAddress.parse("test", sim.orchestrator(2).address());
        CompletionException down = assertThrows(CompletionException.class, () -> gateway.select(
                        SelectionRequest.of(Pipeline.LLM, LLM).pinnedTo(third))
                .join());
        NoOrchestratorAvailableException none =
                assertInstanceOf(NoOrchestratorAvailableException.class, down.getCause());
        assertEquals(1, none.rejections().size());
    }

    @Test
    void orchestratorInfoIsRefreshedBeforeTheAuthTokenExpires() {
        MutableClock clock = MutableClock.now();
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestratorDefaults(o -> o.authTokenValidity(Duration.ofMinutes(10)))
                .start();
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .clock(clock)
                .infoMaxAge(Duration.ofHours(1))
                .build();
        OrchestratorSession session =
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM)).join();
        String firstToken = session.cachedInfo().getAuthToken().getSessionId();

        clock.advance(Duration.ofMinutes(5));
        assertEquals(firstToken, session.info().join().getAuthToken().getSessionId(), "still fresh");

        clock.advance(Duration.ofMinutes(4).plusSeconds(5));
        assertNotEquals(
                firstToken,
                session.info().join().getAuthToken().getSessionId(),
                "refreshed in the last tenth of the token's validity");
    }

    @Test
    void theSignerIsVerifiedAgainstTheSystemTrustStoreUnlessTrustIsSupplied() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signer(config -> config.tls(true))
                .start();
        assertTrue(sim.signerUrl().startsWith("https://"));
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(sim.signerUrl())
                        .build())
                .build();

        CompletionException untrusted =
                assertThrows(CompletionException.class, () -> gateway.select(SelectionRequest.of(Pipeline.LLM, LLM))
                        .join());
        assertTrue(
                untrusted.getCause().getMessage().contains(sim.signerUrl()),
                untrusted.getCause().getMessage());
        gateway.close();

        var signerCertificate = sim.signer().server().certificate().certificate();
        gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .signerUrl(sim.signerUrl())
                        .signerTls(SslContextBuilder.forClient()
                                .trustManager(signerCertificate)
                                .build())
                        .build())
                .build();
        OrchestratorSession session =
                gateway.select(SelectionRequest.of(Pipeline.LLM, LLM)).join();
        assertFalse(gateway.paymentSession(session, PaymentType.PER_PIXEL)
                .headers(100)
                .join()
                .payment()
                .isEmpty());
    }
}
