package org.livepeer.simulator.apps;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.trickle.TrickleChannel;

/** What flows through a session's proxy: server-sent events, WebSockets, runner callbacks. */
class ProxyStreamingTest {

    private RunnerApp app;
    private LivepeerSimulator sim;
    private SimOrchestrator orchestrator;
    private final AppsClient client = new AppsClient(null);
    private JsonNode session;

    @BeforeEach
    void start() throws Exception {
        app = new RunnerApp().start();
        sim = LivepeerSimulator.builder()
                .offchain(true)
                .runners(RunnerConfig.builder("app").url(app.url()).capacity(2).build())
                .start();
        orchestrator = sim.orchestrator(0);
        session = AppsClient.json(client.post(orchestrator.transcoderUrl() + "/apps/app/session", Map.of(), ""));
    }

    @AfterEach
    void close() {
        sim.close();
        app.close();
    }

    private String appUrl() {
        return session.get("app_url").asText();
    }

    private HttpResponse<InputStream> events(String query) throws Exception {
        return client.http()
                .send(
                        HttpRequest.newBuilder(URI.create(appUrl() + "/events?" + query))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aServerSentEventArrivesWhileTheAppHasNotWrittenTheNextOne() throws Exception {
        // the second event is a minute away: the first can only arrive if the proxy does not buffer
        HttpResponse<InputStream> stream = events("count=2&interval_ms=60000");
        assertEquals(200, stream.statusCode());
        assertEquals(
                "text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: {\"n\":0}", lines.readLine());
            assertEquals(1, app.eventsWritten());
        }
    }

    @Test
    void serverSentEventsArriveInOrderUntilTheStreamEnds() throws Exception {
        HttpResponse<InputStream> stream = events("count=3&interval_ms=20");

        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty()) {
                    events.add(line);
                }
            }
        }
        assertEquals(List.of("data: {\"n\":0}", "data: {\"n\":1}", "data: {\"n\":2}"), events);
    }

    @Test
    void webSocketFramesAreEchoedThroughTheProxy() throws Exception {
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        String wsUrl = appUrl().replaceFirst("^http", "ws") + "/ws";
        WebSocket socket = client.http()
                .newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        received.add(bytes);
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("hello through the orchestrator", true).get(5, TimeUnit.SECONDS);
            assertEquals("hello through the orchestrator", received.poll(5, TimeUnit.SECONDS));
            socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) received.poll(5, TimeUnit.SECONDS));
        } finally {
            CompletableFuture<WebSocket> closing = socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            closing.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAppCreatesTrickleChannelsThatCloseWithTheSession() throws Exception {
        String sessionId = session.get("session_id").asText();

        HttpResponse<String> created = client.post(appUrl() + "/channels", Map.of(), "{\"names\":[\"events\"]}");

        assertEquals(200, created.statusCode(), created.body());
        JsonNode channel = AppsClient.json(created).get("channels").get(0);
        String channelName = sessionId + "-events";
        assertEquals("events", channel.get("name").asText());
        assertEquals(channelName, channel.get("channel_name").asText());
        assertEquals(
                orchestrator.transcoderUrl() + "/ai/trickle/" + channelName,
                channel.get("url").asText());
        assertEquals("application/json", channel.get("mime_type").asText());
        TrickleChannel trickle = orchestrator.trickle().channel(channelName).orElseThrow();
        assertEquals(Map.of("events", channelName), orchestrator.apps().sessionChannels(sessionId));

        assertEquals(
                204,
                client.post(session.get("control_url").asText() + "/stop", Map.of(), "")
                        .statusCode());
        await().atMost(Duration.ofSeconds(5)).until(trickle::isClosed);
        assertTrue(orchestrator.trickle().channel(channelName).isEmpty());
    }

    @Test
    void callbacksNeedTheSessionToken() throws Exception {
        String sessionId = session.get("session_id").asText();
        String callback = orchestrator.transcoderUrl() + "/runner/app/session/" + sessionId;

        HttpResponse<String> wrongToken = client.post(
                callback + "/channels",
                Map.of("Livepeer-Session-Token", "guess"),
                "{\"channels\":[{\"name\":\"events\"}]}");
        assertEquals(401, wrongToken.statusCode());

        String token = AppsClient.json(client.get(appUrl() + "/echo"))
                .get("headers")
                .get("livepeer-session-token")
                .asText();
        assertEquals(
                204,
                client.post(callback + "/stop", Map.of("Livepeer-Session-Token", token), "")
                        .statusCode());
        assertEquals(0, orchestrator.apps().activeSessions("app"));
    }
}
