package org.livepeer.gateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.simulator.LivepeerSimulator;

class ScopeSessionTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    private ScopeSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        reader.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private ScopeSession start(AppSettings settings) {
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        session = ScopeSession.start(gateway, ScopeRequest.of(Map.of("prompt", "a cat")), settings)
                .join();
        return session;
    }

    /** The next event of {@code type}, skipping the runner's periodic status events. */
    private JsonNode nextOfType(String type) {
        for (int i = 0; i < 200; i++) {
            JsonNode event = session.nextEvent(reader).join();
            assertNotNull(event, "the events channel ended before a " + type + " event");
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    @Test
    void aPaidScopeSessionTakesControlMessagesAndReportsEvents() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestratorDefaults(o -> o.livePaymentInterval(Duration.ofMillis(200)))
                .start();
        start(AppSettings.defaults().withPaymentInterval(Duration.ofMillis(200)));

        assertEquals(1, sim.orchestrator(0).apps().scopeSessions().size());
        assertEquals(
                session.manifestId(), sim.orchestrator(0).apps().scopeSessions().get(0));
        assertTrue(session.payments().payments() >= 1, "the start was paid");

        session.control(Map.of("prompt", "a dog")).join();
        JsonNode update = nextOfType("params_update");
        assertEquals("a dog", update.path("params").path("prompt").asText());
        assertEquals(session.manifestId(), update.path("manifest_id").asText());
    }

    @Test
    void anOffchainScopeSessionStartsWithoutPayment() {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        start(AppSettings.defaults());

        session.control(Map.of("strength", 0.5)).join();
        JsonNode update = nextOfType("params_update");
        assertEquals(0.5, update.path("params").path("strength").asDouble());
        assertEquals(0, session.payments().payments());
    }
}
