package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.http.TransportException;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;
import org.livepeer.simulator.http.FaultRule;

/**
 * Orchestrators that answer badly: error answers to streamed requests, huge error bodies, bodies
 * that stop, media URLs pointing elsewhere. Every call ends, within its limits, in a documented
 * error, and the event loop stays free for other work.
 */
class BatchHostileAnswersTest {

    private final LivepeerSimulator sim =
            LivepeerSimulator.builder().orchestrators(1).start();
    /** One event loop thread: a wedged loop would stop every later request. */
    private final NettyTransport transport =
            NettyTransport.builder().ioThreads(1).build();

    private final LivepeerGateway gateway = LivepeerGateway.builder(GatewayConfig.builder()
                    .token(sim.token())
                    .probeTimeout(Duration.ofSeconds(20))
                    .build())
            .transport(transport)
            .build();
    private final java.util.concurrent.ExecutorService uploadReads =
            java.util.concurrent.Executors.newSingleThreadExecutor();
    private BatchClient client = new BatchClient(
            gateway,
            BatchSettings.defaults().withMaxAttempts(1).withBodyIdleTimeout(Duration.ofMillis(300)),
            uploadReads);
    private HostileServer hostile;

    @AfterEach
    void tearDown() {
        uploadReads.shutdownNow();
        gateway.close();
        transport.close();
        sim.close();
        if (hostile != null) {
            hostile.close();
        }
    }

    private static TextToImageRequest image() {
        return TextToImageRequest.of("a harbour")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setWidth(64)
                .setHeight(64);
    }

    @Test
    void anErrorAnswerToAStreamedLlmRequestFailsItAndLeavesTheEventLoopFree() throws Exception {
        sim.orchestrator(0).httpFaults().add(FaultRule.on("POST", "/llm").respond(503, "busy"));

        Throwable error = failure(client.stream(LlmRequest.of("hello").setModel(BatchNetwork.model(Capability.LLM))));
        BatchResult<ImageResponse> later = client.run(image()).get(30, TimeUnit.SECONDS);

        AiRequestException refused = assertInstanceOf(AiRequestException.class, error);
        assertEquals(503, refused.status());
        assertEquals("busy", refused.orchestratorMessage());
        assertEquals(1, later.response().images().size());
    }

    @Test
    void aHugeErrorBodyIsQuotedOnlyInPart() throws Exception {
        String huge = "no " + "x".repeat(3 << 20);
        sim.orchestrator(0)
                .httpFaults()
                .add(FaultRule.on("POST", "/text-to-image").respond(500, huge));

        Throwable error = failure(client.run(image()));

        AiRequestException refused = assertInstanceOf(AiRequestException.class, error);
        assertEquals(500, refused.status());
        assertTrue(
                error.getMessage().length() < 1_000,
                "message length " + error.getMessage().length());
        assertTrue(refused.orchestratorMessage().startsWith("no xxx"));
    }

    @Test
    void anAnswerWhoseBodyStopsFailsWithinTheIdleLimit() throws Exception {
        hostile = HostileServer.start(request -> Script.create()
                .write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"images\":")
                .stall());
        sim.orchestrator(0).advertiseTranscoder(hostile.baseUrl());

        Throwable error = failure(client.run(image()));

        OrchestratorException failed = assertInstanceOf(OrchestratorException.class, error);
        TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
        assertEquals(TransportException.Kind.IDLE_TIMEOUT, cause.kind());
    }

    @Test
    void mediaOnTheAnsweringOrchestratorIsFetchedAndRelativeUrlsResolveAgainstIt() throws Exception {
        hostile = HostileServer.start(request -> request.target().startsWith("/stream/")
                ? Script.respond(200, "image/png", "PNG!")
                : Script.respond(200, "application/json", "{\"images\":[{\"url\":\"/stream/a.png\"}]}"));
        sim.orchestrator(0).advertiseTranscoder(hostile.baseUrl());

        BatchResult<ImageResponse> result = client.run(image()).get(30, TimeUnit.SECONDS);

        assertArrayEquals("PNG!".getBytes(), result.mediaBytes(0).get(30, TimeUnit.SECONDS));
    }

    @Test
    void mediaOnAnotherOriginIsRefusedUnlessAllowed() throws Exception {
        try (HostileServer elsewhere = HostileServer.start(request -> Script.respond(200, "image/png", "internal"))) {
            hostile = HostileServer.start(request -> Script.respond(
                    200, "application/json", "{\"images\":[{\"url\":\"" + elsewhere.baseUrl() + "/secret.png\"}]}"));
            sim.orchestrator(0).advertiseTranscoder(hostile.baseUrl());

            BatchResult<ImageResponse> result = client.run(image()).get(30, TimeUnit.SECONDS);
            Throwable refused = failure(result.mediaBytes(0));
            client = new BatchClient(
                    gateway, BatchSettings.defaults().withMediaOrigins(List.of(elsewhere.baseUrl())), uploadReads);
            BatchResult<ImageResponse> allowed = client.run(image()).get(30, TimeUnit.SECONDS);

            assertInstanceOf(OrchestratorException.class, refused);
            assertTrue(refused.getMessage().contains("another origin"), refused.getMessage());
            assertEquals(0, elsewhere.requests(), "the other origin was never asked");
            assertArrayEquals("internal".getBytes(), allowed.mediaBytes(0).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRequestTheEncoderRefusesFailsWithInvalidAiRequestException() {
        Throwable streamed = failure(client.run(LlmRequest.of("hi").setStream(true)));
        Throwable noText = failure(client.run(new org.livepeer.gateway.ai.model.TextToSpeechRequest()));

        assertInstanceOf(InvalidAiRequestException.class, streamed);
        assertInstanceOf(InvalidAiRequestException.class, noText);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return error.getCause();
    }
}
