package org.livepeer.gateway.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.Failures;
import org.livepeer.gateway.FastClock;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.http.WebSocketConnection;
import org.livepeer.http.WebSocketListener;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.apps.RunnerMode;
import org.livepeer.simulator.apps.RunnerPrice;
import org.livepeer.simulator.apps.SimApps;

class LiveAppsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A price at which one ticket (expected value 5e8 wei in the simulator) covers 2.5 s. */
    private static final long PRICEY = 200_000_000L;

    private LivepeerSimulator sim;
    private LivepeerGateway gateway;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private LiveApps apps(AppSettings settings) {
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().token(sim.token()).build())
                .build();
        return new LiveApps(gateway, settings);
    }

    private AppSession opened(AppSession session) {
        open.add(session);
        return session;
    }

    private static RunnerConfig echo(RunnerPrice price, int capacity) {
        return RunnerConfig.builder("echo")
                .app("echo/v1")
                .version("1.2.0")
                .metadata("{\"region\":\"test\"}")
                .capacity(capacity)
                .price(price)
                .build();
    }

    private static Throwable failure(Runnable action) {
        CompletionException thrown = assertThrows(CompletionException.class, action::run);
        return Failures.unwrap(thrown);
    }

    @Test
    void discoveryListsTheAppWithVersionModeCapacityAndPrice() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .runners(
                        echo(RunnerPrice.perSecond(1000), 2),
                        RunnerConfig.builder("other").app("other/v1").build())
                .start();
        List<AppRunner> runners =
                apps(AppSettings.defaults()).discover(AppQuery.of("echo/v1")).join();

        assertEquals(1, runners.size(), runners.toString());
        AppRunner runner = runners.get(0);
        assertEquals("echo/v1", runner.app());
        assertEquals("1.2.0", runner.version());
        assertEquals("{\"region\":\"test\"}", runner.metadata());
        assertEquals(RunnerMode.PERSISTENT.name(), runner.mode().name());
        assertEquals(2, runner.capacity());
        assertEquals(2, runner.capacityAvailable());
        assertEquals(0, new BigDecimal(1000).compareTo(runner.price().price()));
        assertEquals(PaymentType.LIVE, runner.price().paymentType());
        assertEquals("echo", runner.route());
        assertTrue(runner.url().endsWith("/apps/echo/session"), runner.url());

        assertTrue(new LiveApps(gateway)
                .discover(AppQuery.of("echo/v1").withVersion("9.9"))
                .join()
                .isEmpty());
        assertTrue(new LiveApps(gateway)
                .discover(AppQuery.of("echo/v1").withMaxPrice(new BigDecimal(999)))
                .join()
                .isEmpty());
    }

    @Test
    void theSignersDiscoveryListsRunnersWithoutConfiguredOrchestrators() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .runners(echo(RunnerPrice.perSecond(1000), 1))
                .start();
        gateway = LivepeerGateway.builder(
                        GatewayConfig.builder().signerUrl(sim.signerUrl()).build())
                .build();
        LiveApps apps = new LiveApps(gateway);

        List<AppRunner> runners = apps.discover(AppQuery.of("echo/v1")).join();
        assertEquals(2, runners.size(), runners.toString());
        AppSession session = opened(apps.open(AppQuery.of("echo/v1")).join());
        try (AppResponse response = session.call(AppRequest.get("/echo")).join()) {
            assertEquals(200, response.status());
        }
    }

    @Test
    void aPaidSessionAnswersOverHttpEventsAndWebSocketAndItsStopFreesTheSlot() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .runners(echo(RunnerPrice.perSecond(1000), 1))
                .start();
        SimApps simApps = sim.orchestrator(0).apps();
        AppSession session =
                opened(apps(AppSettings.defaults()).open(AppQuery.of("echo/v1")).join());
        assertEquals(1, simApps.activeSessions("echo"));
        assertEquals(1, session.payments().payments(), "the reservation was paid");

        try (AppResponse response = session.call(AppRequest.builder("POST", "/echo?name=a%20b")
                        .header("Content-Type", "text/plain")
                        .header("X-Test", "yes")
                        .body("hello app")
                        .build())
                .join()) {
            assertEquals(200, response.status());
            JsonNode echoed = JSON.readTree(response.bodyAsString());
            assertEquals("POST", echoed.get("method").asText());
            assertEquals("/echo", echoed.get("path").asText());
            assertEquals("name=a%20b", echoed.get("query").asText());
            assertEquals("yes", echoed.get("headers").get("x-test").asText());
            assertEquals(
                    session.id(),
                    echoed.get("headers").get("livepeer-session-id").asText());
            assertEquals("hello app", echoed.get("body").asText());
        }

        try (AppResponse missing = session.call(AppRequest.get("/status/418")).join()) {
            assertEquals(418, missing.status());
        }

        List<String> data = new ArrayList<>();
        try (ServerSentEvents events = session.events("/events?count=3").join()) {
            events.forEachRemaining(event -> data.add(event.data()));
        }
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}"), data);

        List<String> texts = new CopyOnWriteArrayList<>();
        CountDownLatch echoes = new CountDownLatch(2);
        List<byte[]> binaries = new CopyOnWriteArrayList<>();
        WebSocketConnection socket = session.webSocket("/ws", new WebSocketListener() {
                    @Override
                    public void onText(WebSocketConnection s, String text) {
                        texts.add(text);
                        echoes.countDown();
                    }

                    @Override
                    public void onBinary(WebSocketConnection s, byte[] bytes) {
                        binaries.add(bytes);
                        echoes.countDown();
                    }
                })
                .join();
        socket.sendText("ping over the proxy").join();
        socket.sendBinary(new byte[] {1, 2, 3}).join();
        assertTrue(echoes.await(10, TimeUnit.SECONDS), "both messages came back");
        assertEquals(List.of("ping over the proxy"), texts);
        assertEquals(3, binaries.get(0).length);

        session.stop().join();
        assertEquals(0, simApps.activeSessions("echo"), "the slot is free again");
        socket.closeFuture().get(10, TimeUnit.SECONDS);
        assertFalse(session.isOpen());
    }

    @Test
    void aPerSecondSessionStaysFundedPastItsFirstPayment() {
        double speed = 40;
        FastClock signerClock = new FastClock(speed);
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .signer(config -> config.clock(signerClock))
                .orchestratorDefaults(o -> o.liveBillingSpeed(speed).livePaymentInterval(Duration.ofMillis(100)))
                .runners(echo(RunnerPrice.perSecond(PRICEY), 1))
                .start();
        SimApps simApps = sim.orchestrator(0).apps();
        AppSession session = opened(apps(AppSettings.defaults().withPaymentInterval(Duration.ofMillis(100)))
                .open(AppQuery.of("echo/v1"))
                .join());

        // the signer pays when the credit runs short: wait for two payments after the reservation,
        // and for the billing to run past the first payment's 10 s (payments may come faster)
        BigInteger tenSeconds = BigInteger.valueOf(PRICEY).multiply(BigInteger.valueOf(10));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> simApps.paymentsAccepted(session.id()) >= 3
                        && simApps.debited(session.id()).compareTo(tenSeconds) > 0);

        assertEquals(1, simApps.activeSessions("echo"), "still funded");
        assertTrue(session.payments().payments() >= 3, session.payments().toString());
        try (AppResponse response = session.call(AppRequest.get("/echo")).join()) {
            assertEquals(200, response.status());
        }
    }

    @Test
    void aFixedPriceSessionPaysOnce() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestratorDefaults(o -> o.livePaymentInterval(Duration.ofMillis(50)))
                .runners(echo(RunnerPrice.fixed(5000), 1))
                .start();
        SimApps simApps = sim.orchestrator(0).apps();
        AppSession session = opened(apps(AppSettings.defaults().withPaymentInterval(Duration.ofMillis(50)))
                .open(AppQuery.of("echo/v1"))
                .join());

        for (int i = 0; i < 3; i++) {
            try (AppResponse response = session.call(AppRequest.get("/echo")).join()) {
                assertEquals(200, response.status());
            }
        }
        assertEquals(PaymentType.FIXED, session.payments().type());
        assertEquals(1, session.payments().payments());
        assertEquals(BigInteger.valueOf(5000), simApps.debited(session.id()));
        assertEquals(1, simApps.paymentsAccepted(session.id()), "no payment after the reservation");
    }

    @Test
    void aSingleShotCallIsPaidAndAnswered() throws Exception {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .runners(RunnerConfig.builder("once")
                        .app("echo/once")
                        .mode(org.livepeer.simulator.apps.RunnerMode.SINGLE_SHOT)
                        .capacity(1)
                        .price(RunnerPrice.fixed(700))
                        .build())
                .start();
        LiveApps apps = apps(AppSettings.defaults());

        try (AppResponse response = apps.call(AppQuery.of("echo/once"), AppRequest.post("/echo", "text/plain", "one"))
                .join()) {
            assertEquals(200, response.status());
            assertEquals(
                    "one", JSON.readTree(response.bodyAsString()).get("body").asText());
        }
        try (AppResponse events = apps.call(AppQuery.of("echo/once"), AppRequest.get("/events?count=2"))
                .join()) {
            assertTrue(events.isEventStream());
            List<ServerSentEvent> all = new ArrayList<>();
            events.events().forEachRemaining(all::add);
            assertEquals(2, all.size());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sim.orchestrator(0).apps().activeSessions("once") == 0);
        assertEquals(2, sim.orchestrator(0).apps().sessionsReserved());
    }

    @Test
    void aFullRunnerAnswers503AndTheSessionMovesToAnotherOrchestrator() {
        sim = LivepeerSimulator.builder()
                .orchestrators(2)
                .runners(echo(RunnerPrice.perSecond(1000), 1))
                .start();
        LiveApps apps = apps(AppSettings.defaults());
        AppSession first = opened(apps.open(AppQuery.of("echo/v1")).join());
        // the listing is reused, so the full runner is tried first and answers 503
        AppSession second = opened(apps.open(AppQuery.of("echo/v1")).join());

        assertNotEquals(first.orchestrator(), second.orchestrator());
        assertEquals(1, sim.orchestrator(0).apps().activeSessions("echo"));
        assertEquals(1, sim.orchestrator(1).apps().activeSessions("echo"));
        assertTrue(gateway.suspensions().current(first.orchestrator()).isPresent(), "the full one is avoided");
    }

    @Test
    void aPriceAboveTheCeilingIsRefusedAndNothingIsPaid() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .runners(echo(RunnerPrice.perSecond(1000), 1))
                .start();
        LiveApps apps = apps(AppSettings.defaults());
        long paymentsBefore = sim.signer().stats().paymentRequests();

        Throwable refused = failure(() -> apps.open(AppQuery.of("echo/v1").withMaxPrice(new BigDecimal(400)))
                .join());

        PriceExceededException price = assertInstanceOf(PriceExceededException.class, refused);
        assertEquals(0, new BigDecimal(1000).compareTo(price.price()));
        assertEquals(0, new BigDecimal(400).compareTo(price.ceiling()));
        assertTrue(price.getMessage().contains("1000 wei per second"), price.getMessage());
        assertTrue(price.getMessage().contains("maxPrice=400"), price.getMessage());
        assertEquals(paymentsBefore, sim.signer().stats().paymentRequests(), "the signer was never asked");
        assertEquals(0, sim.orchestrator(0).apps().sessionsReserved());

        Throwable singleShot = failure(() -> apps.call(
                        AppQuery.of("echo/v1").withMaxPrice(new BigDecimal(400)).withMode(null),
                        AppRequest.get("/echo"))
                .join());
        assertTrue(singleShot.getMessage().contains("echo/v1"), singleShot.getMessage());
    }

    @Test
    void anUnknownAppIsRefusedNamingWhatIsOffered() {
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .runners(echo(RunnerPrice.perSecond(1000), 1))
                .start();
        Throwable refused = failure(
                () -> apps(AppSettings.defaults()).open(AppQuery.of("nope/v1")).join());
        assertTrue(refused.getMessage().contains("app 'nope/v1'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("echo/v1"), refused.getMessage());
    }

    @Test
    void offchainRunnersNeedNoPayment() throws Exception {
        sim = LivepeerSimulator.builder()
                .offchain(true)
                .orchestrators(1)
                .runners(
                        RunnerConfig.builder("echo").app("echo/v1").capacity(1).build(),
                        RunnerConfig.builder("once")
                                .app("echo/once")
                                .mode(org.livepeer.simulator.apps.RunnerMode.SINGLE_SHOT)
                                .capacity(1)
                                .build())
                .start();
        LiveApps apps = apps(AppSettings.defaults());
        assertTrue(apps.discover(AppQuery.of("echo/v1")).join().get(0).isFree());

        AppSession session = opened(apps.open(AppQuery.of("echo/v1")).join());
        try (AppResponse response = session.call(AppRequest.post("/echo", "application/json", "{\"a\":1}"))
                .join()) {
            assertEquals(
                    "{\"a\":1}",
                    JSON.readTree(response.bodyAsString()).get("body").asText());
        }
        assertNull(session.payments().type());
        try (AppResponse response =
                apps.call(AppQuery.of("echo/once"), AppRequest.get("/echo")).join()) {
            assertEquals(200, response.status());
        }
        session.stop().join();
        assertEquals(0, sim.orchestrator(0).apps().activeSessions("echo"));
        assertFalse(session.isOpen());
    }
}
