package org.livepeer.simulator.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/** Free runner sessions on an offchain orchestrator: reserve, call through the proxy, stop. */
class OffchainRunnerSessionTest {

    private LivepeerSimulator sim;
    private SimOrchestrator orchestrator;
    private final AppsClient client = new AppsClient(null);

    @BeforeEach
    void start() {
        sim = LivepeerSimulator.builder()
                .offchain(true)
                .runners(
                        RunnerConfig.builder("echo").app("echo/v1").capacity(1).build(),
                        RunnerConfig.builder("once")
                                .app("echo/once")
                                .mode(RunnerMode.SINGLE_SHOT)
                                .capacity(1)
                                .build(),
                        RunnerConfig.builder("gone")
                                .app("echo/gone")
                                .url("http://127.0.0.1:1")
                                .build())
                .start();
        orchestrator = sim.orchestrator(0);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private String service() {
        return orchestrator.transcoderUrl();
    }

    @Test
    void discoveryListsTheReadyRunnersWithProxyUrlsAndNoPriceOffchain() throws Exception {
        HttpResponse<String> reply = client.get(service() + "/discovery");

        assertEquals(200, reply.statusCode(), reply.body());
        JsonNode entry = AppsClient.json(reply).get(0);
        assertEquals(service(), entry.get("address").asText());
        JsonNode echo = entry.get("runners").get(0);
        assertEquals(service() + "/apps/echo/session", echo.get("url").asText());
        assertEquals("echo/v1", echo.get("app").asText());
        assertEquals("persistent", echo.get("mode").asText());
        assertEquals(1, echo.get("capacity").asInt());
        assertEquals(0, echo.get("capacity_used").asInt());
        assertEquals(1, echo.get("capacity_available").asInt());
        assertFalse(echo.has("price_info"));
        JsonNode once = entry.get("runners").get(1);
        assertEquals(service() + "/apps/once/app", once.get("url").asText());
        assertEquals("single-shot", once.get("mode").asText());

        orchestrator.apps().setReady("gone", false);
        assertEquals(
                2,
                AppsClient.json(client.get(service() + "/discovery"))
                        .get(0)
                        .get("runners")
                        .size());
    }

    @Test
    void reservesCallsAndStopsASessionFreeingItsSlot() throws Exception {
        HttpResponse<String> reserved = client.post(service() + "/apps/echo/session", Map.of(), "");
        assertEquals(200, reserved.statusCode(), reserved.body());
        JsonNode session = AppsClient.json(reserved);
        String sessionId = session.get("session_id").asText();
        String controlUrl = service() + "/apps/echo/session/" + sessionId;
        assertEquals(controlUrl, session.get("control_url").asText());
        assertEquals(controlUrl + "/app", session.get("app_url").asText());
        assertEquals(1, orchestrator.apps().activeSessions("echo"));

        HttpResponse<String> full = client.post(service() + "/apps/echo/session", Map.of(), "");
        assertEquals(503, full.statusCode());
        assertTrue(full.body().contains("no capacity available for runner"), full.body());

        HttpResponse<String> echoed =
                client.post(session.get("app_url").asText() + "/echo?a=1&b=two", Map.of("X-Test", "yes"), "hello app");
        assertEquals(200, echoed.statusCode(), echoed.body());
        JsonNode echo = AppsClient.json(echoed);
        assertEquals("POST", echo.get("method").asText());
        assertEquals("/echo", echo.get("path").asText());
        assertEquals("a=1&b=two", echo.get("query").asText());
        assertEquals("hello app", echo.get("body").asText());
        assertEquals("yes", echo.get("headers").get("x-test").asText());

        HttpResponse<String> stopped = client.post(controlUrl + "/stop", Map.of(), "");
        assertEquals(204, stopped.statusCode(), stopped.body());
        assertEquals(0, orchestrator.apps().activeSessions("echo"));
        assertEquals(
                404, client.get(session.get("app_url").asText() + "/health").statusCode());
        assertEquals(404, client.post(controlUrl + "/stop", Map.of(), "").statusCode());
        assertEquals(
                200,
                client.post(service() + "/apps/echo/session", Map.of(), "").statusCode(),
                "the slot is free again");
    }

    @Test
    void streamsALargeChunkedUploadToTheApp() throws Exception {
        JsonNode session = AppsClient.json(client.post(service() + "/apps/echo/session", Map.of(), ""));
        byte[] body = "0123456789abcdef".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> echoed = client.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        session.get("app_url").asText() + "/echo"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(200, echoed.statusCode(), echoed.body());
        JsonNode echo = AppsClient.json(echoed);
        assertEquals(
                new String(body, java.nio.charset.StandardCharsets.UTF_8),
                echo.get("body").asText());
    }

    @Test
    void injectsTheSessionHeadersTheAppNeedsForCallbacks() throws Exception {
        JsonNode session = AppsClient.json(client.post(service() + "/apps/echo/session", Map.of(), ""));
        String sessionId = session.get("session_id").asText();

        JsonNode headers = AppsClient.json(client.get(session.get("app_url").asText() + "/echo"))
                .get("headers");

        assertEquals("echo", headers.get("livepeer-runner-route").asText());
        assertEquals(sessionId, headers.get("livepeer-session-id").asText());
        assertFalse(headers.get("livepeer-session-token").asText().isEmpty());
        assertEquals(
                service() + "/runner/echo/session/" + sessionId,
                headers.get("livepeer-session-control").asText());
    }

    @Test
    void refusesSessionsOnSingleShotRunnersAndUnknownRoutes() throws Exception {
        HttpResponse<String> singleShot = client.post(service() + "/apps/once/session", Map.of(), "");
        assertEquals(400, singleShot.statusCode());
        assertTrue(singleShot.body().contains("only persistent runners have sessions"));
        assertEquals(
                404,
                client.post(service() + "/apps/nobody/session", Map.of(), "").statusCode());
        assertEquals(
                404,
                client.get(service() + "/apps/echo/session/nosuch/app/echo").statusCode());
    }

    @Test
    void singleShotRequestsHoldASlotOnlyWhileTheyRun() throws Exception {
        HttpResponse<String> echoed = client.send("PUT", service() + "/apps/once/app/echo?x=1", Map.of(), "once");

        assertEquals(200, echoed.statusCode(), echoed.body());
        JsonNode echo = AppsClient.json(echoed);
        assertEquals("PUT", echo.get("method").asText());
        assertEquals("x=1", echo.get("query").asText());
        assertFalse(echo.get("headers").get("livepeer-session-id").asText().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> orchestrator.apps().activeSessions("once") == 0);
        assertEquals(1, orchestrator.apps().sessionsReserved());

        orchestrator.apps().setCapacity("once", 0);
        assertEquals(503, client.get(service() + "/apps/once/app/health").statusCode());
        assertEquals(400, client.get(service() + "/apps/echo/app/health").statusCode(), "not single-shot");
    }

    @Test
    void relaysTheAppsStatusAndAnswers502WhenTheAppIsUnreachable() throws Exception {
        JsonNode session = AppsClient.json(client.post(service() + "/apps/echo/session", Map.of(), ""));
        HttpResponse<String> teapot = client.get(session.get("app_url").asText() + "/status/418");
        assertEquals(418, teapot.statusCode());
        assertEquals("status 418\n", teapot.body());

        JsonNode gone = AppsClient.json(client.post(service() + "/apps/gone/session", Map.of(), ""));
        HttpResponse<String> unreachable = client.get(gone.get("app_url").asText() + "/health");
        assertEquals(502, unreachable.statusCode(), unreachable.body());
    }
}
