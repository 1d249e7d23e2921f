package org.livepeer.gateway.ai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NettyLeaks;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.discovery.OrchestratorDiscovery;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.gateway.signer.PaymentRequest;
import org.livepeer.gateway.signer.RemoteSignerClient;
import org.livepeer.http.NettyTransport;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;
import org.livepeer.trickle.Segment;
import org.livepeer.trickle.TrickleException;
import org.livepeer.trickle.TrickleSubscriber;

/**
 * A seeded, reproducible fuzz suite: a hostile server answers the signer's, discovery's, the
 * orchestrator's batch and event-stream, and trickle requests with generated answers, and
 * malformed tokens, URLs and headers go into the configuration. Every case ends in success or a
 * documented {@link LivepeerException} subtype within its bound (short limits are configured), and
 * threads, file descriptors and Netty direct memory are back to their baseline after the run.
 */
class HostileNetworkFuzzTest {

    private static final String SEED = "20261202";
    /** The longest any one case may take; the configured limits are far shorter. */
    private static final long BOUND_MILLIS = 5_000;
    /**
     * The limits every hostile case runs with: short, since most cases that take time are stalls
     * and drips that only end at a limit, yet far above what a local answer takes.
     */
    private static final Duration RESPONSE_LIMIT = Duration.ofMillis(150);

    private static final Duration IDLE_LIMIT = Duration.ofMillis(75);
    private static final Duration TOTAL_LIMIT = Duration.ofMillis(300);
    /** Trickle requests a subscriber makes for one segment before it gives up: the first and its retries. */
    private static final int TRICKLE_ATTEMPTS = 3;

    private static volatile Script next = Script.respond(200, "text/plain", "");
    private static Network network;
    private static Baseline baseline;

    /** Everything the cases talk through, with short limits. */
    private static final class Network implements AutoCloseable {
        final HostileServer hostile = HostileServer.start(request -> next);
        final LivepeerSimulator sim =
                LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        final NettyTransport transport = NettyTransport.builder()
                .ioThreads(2)
                .connectTimeout(Duration.ofSeconds(1))
                .responseTimeout(RESPONSE_LIMIT)
                .bodyIdleTimeout(IDLE_LIMIT)
                .totalTimeout(TOTAL_LIMIT)
                .maxInterimResponses(10)
                .build();
        final LivepeerGateway gateway = LivepeerGateway.builder(GatewayConfig.builder()
                        .orchestrators(sim.orchestratorAddresses())
                        .probeTimeout(Duration.ofSeconds(10))
                        .build())
                .transport(transport)
                .build();
        final OrchestratorAddress orchestrator =
                OrchestratorAddress.parse("test", sim.orchestratorAddresses().get(0));
        /** Blocking reads (uploads, error bodies of streamed answers): never an event loop. */
        final java.util.concurrent.ExecutorService blockingReads =
                java.util.concurrent.Executors.newSingleThreadExecutor();

        final BatchClient client = new BatchClient(
                gateway,
                BatchSettings.defaults()
                        .withMaxAttempts(1)
                        .withResponseTimeout(RESPONSE_LIMIT)
                        .withBodyIdleTimeout(IDLE_LIMIT),
                blockingReads);

        Network() {
            sim.orchestrator(0).advertiseTranscoder(hostile.baseUrl());
        }

        @Override
        public void close() {
            blockingReads.shutdownNow();
            try {
                blockingReads.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gateway.close();
            transport.close();
            sim.close();
            hostile.close();
        }
    }

    /** Threads, open files and bytes of live Netty direct buffers. */
    private record Baseline(int threads, int fds, long directBuffers) {
        static Baseline now() {
            long direct = 0;
            for (PoolArenaMetric arena : PooledByteBufAllocator.DEFAULT.metric().directArenas()) {
                // live buffers (allocations not yet released); pooled chunks themselves stay reserved
                direct += arena.numActiveAllocations();
            }
            String[] fds = new File("/proc/self/fd").list();
            return new Baseline(countThreads(), fds == null ? 0 : fds.length, direct);
        }

        /** Live threads, without grpc-java's JVM-wide cached executor (its idle threads linger a minute). */
        private static int countThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .filter(t -> !t.getName().startsWith("grpc-default-executor"))
                    // the thread Awaitility checks the condition on is the check's own
                    .filter(t -> !t.getName().startsWith("awaitility"))
                    .count();
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        // a warm-up round loads classes, jar files and pooled memory arenas before the baseline
        try (Network warmUp = new Network()) {
            network = warmUp;
            for (int i = 0; i < 5; i++) {
                // on a cold, busy JVM the first calls may break the short limits: only their side effects count
                next = Script.respond(200, "application/json", validImages());
                warmUp.client.run(image()).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
                next = Script.respond(500, "text/plain", "no");
                warmUp.client.run(image()).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
            }
        }
        network = null;
        awaitQuiet();
        baseline = Baseline.now();
        NettyLeaks.reset();
        network = new Network();
    }

    @AfterContainer
    static void stop() {
        if (network == null) {
            return;
        }
        network.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Baseline after = Baseline.now();
            assertTrue(
                    after.threads() <= baseline.threads(),
                    "threads " + after + " vs " + baseline + ": " + threadNames());
            assertTrue(after.fds() <= baseline.fds(), "file descriptors " + after + " vs " + baseline);
            assertTrue(
                    after.directBuffers() <= baseline.directBuffers(),
                    "live Netty direct buffers " + after + " vs " + baseline);
        });
        NettyLeaks.assertNone();
    }

    private static void awaitQuiet() {
        // Netty's global executor ends its thread a second after its last task
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("globalEventExecutor")));
    }

    @Property(tries = 1000, seed = SEED, shrinking = ShrinkingMode.OFF)
    void signerAnswersEndInAPaymentOrASignerError(@ForAll("signerAnswers") Script answer, @ForAll boolean credentials) {
        next = answer;
        RemoteSignerClient signer = new RemoteSignerClient(
                network.transport,
                List.of(URI.create(network.hostile.baseUrl())),
                Map.of("Authorization", "Bearer fuzz"),
                null,
                RESPONSE_LIMIT);
        CompletableFuture<?> call = credentials
                ? signer.credentials()
                : signer.generatePayment(new PaymentRequest(
                        OrchestratorInfo.newBuilder()
                                .setTranscoder("https://o:1")
                                .build(),
                        "lv2v",
                        0,
                        "m",
                        null,
                        null,
                        null,
                        null));
        endsWell(call);
    }

    @Property(tries = 1000, seed = SEED, shrinking = ShrinkingMode.OFF)
    void discoveryAnswersEndInAListOrADiscoveryError(@ForAll("discoveryAnswers") Script answer) {
        next = answer;
        OrchestratorDiscovery discovery = new OrchestratorDiscovery(
                GatewayConfig.builder()
                        .discoveryUrl(network.hostile.baseUrl() + "/list?apikey=k")
                        .requestTimeout(RESPONSE_LIMIT)
                        .build(),
                network.transport,
                null,
                Duration.ZERO,
                Clock.systemUTC());
        endsWell(discovery.orchestrators(SelectionRequest.of(Pipeline.LLM, "m")));
    }

    @Property(tries = 1000, seed = SEED, shrinking = ShrinkingMode.OFF)
    void batchAnswersEndInAResultOrAnOrchestratorError(@ForAll("batchAnswers") Script answer) {
        next = answer;
        Object result = endsWell(network.client.run(image()));
        if (result instanceof BatchResult<?> batch && !batch.mediaUrls().isEmpty()) {
            endsWell(batch.mediaBytes(0));
        }
    }

    @Property(tries = 800, seed = SEED, shrinking = ShrinkingMode.OFF)
    void eventStreamAnswersEndInChunksOrAnOrchestratorError(@ForAll("streamAnswers") Script answer) {
        next = answer;
        Object result = endsWell(
                network.client.stream(BatchRequest.of(LlmRequest.of("hi").setModel(BatchNetwork.model(Capability.LLM)))
                        .pinnedTo(network.orchestrator)));
        if (result instanceof BatchResult<?> batch) {
            endsWell(CompletableFuture.supplyAsync(() -> {
                try (LlmStream stream = (LlmStream) batch.response()) {
                    int chunks = 0;
                    while (stream.hasNext()) {
                        LlmResponse ignored = stream.next();
                        chunks++;
                    }
                    return chunks;
                }
            }));
        }
    }

    @Property(tries = 600, seed = SEED, shrinking = ShrinkingMode.OFF)
    void trickleAnswersEndInASegmentOrATrickleError(@ForAll("trickleAnswers") Script answer) throws Exception {
        next = answer;
        TrickleSubscriber subscriber = TrickleSubscriber.builder(network.transport, network.hostile.baseUrl() + "/t/ch")
                .startSeq(0)
                .retries(TRICKLE_ATTEMPTS - 1, Duration.ofMillis(1))
                .edgeWaitRefresh(RESPONSE_LIMIT)
                .maxSegmentBytes(64 * 1024)
                .build();
        CompletableFuture<Segment> segment = subscriber.next();
        try {
            // long enough for every attempt to end at its limit; a wait at the live edge may go on
            Segment received = segment.get(TRICKLE_ATTEMPTS * TOTAL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (received == null) {
                return; // the channel ended (404 or closed): a documented outcome
            }
            endsWell(CompletableFuture.supplyAsync(() -> {
                try (received) {
                    return received.readAllBytes().length;
                } catch (TrickleException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        } catch (TimeoutException e) {
            // still waiting at the live edge, which is allowed: closing must end it
        } catch (ExecutionException e) {
            documented(e.getCause());
        } finally {
            subscriber.close();
        }
        if (!segment.isDone()) {
            endsWell(segment);
        }
    }

    @Property(tries = 1000, seed = SEED, shrinking = ShrinkingMode.OFF)
    void malformedTokensUrlsAndHeadersAreConfigurationErrors(
            @ForAll("tokens") String token,
            @ForAll("urls") String url,
            @ForAll("headerNames") String headerName,
            @ForAll("urls") String headerValue) {
        for (Runnable build : List.<Runnable>of(
                () -> GatewayConfig.builder().token(token).build(),
                () -> GatewayConfig.builder().signerUrl(url).build(),
                () -> GatewayConfig.builder().discoveryUrl(url).build(),
                () -> GatewayConfig.builder().orchestrators(List.of(url)).build(),
                () -> GatewayConfig.builder()
                        .signerUrl("http://127.0.0.1:1")
                        .signerHeaders(Map.of(headerName, headerValue))
                        .build())) {
            try {
                build.run();
            } catch (ConfigurationException expected) {
                // the documented answer to bad configuration
            }
        }
    }

    @Provide
    Arbitrary<Script> signerAnswers() {
        return HostileAnswers.scripts(
                "{\"payment\":\"cGF5\",\"segCreds\":\"c2Vn\",\"state\":{\"n\":1}}",
                "{\"address\":\"0x" + "ab".repeat(20) + "\",\"signature\":\"0x" + "cd".repeat(65) + "\"}");
    }

    @Provide
    Arbitrary<Script> discoveryAnswers() {
        return HostileAnswers.scripts(
                "[{\"address\":\"https://127.0.0.1:8935\"},{\"address\":\"nonsense\"}]", "[\"o1:8935\"]", "[]");
    }

    @Provide
    Arbitrary<Script> batchAnswers() {
        return HostileAnswers.scripts(validImages(), "{\"images\":[{\"url\":\"/stream/x.png\"}]}", "{\"images\":null}");
    }

    @Provide
    Arbitrary<Script> streamAnswers() {
        String chunk = "data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
        return HostileAnswers.scripts(chunk + "data: [DONE]\n\n", chunk + chunk, "data: {\"choices\":\n\n");
    }

    @Provide
    Arbitrary<Script> trickleAnswers() {
        return HostileAnswers.scripts("segment bytes", "");
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> json = Arbitraries.of(
                        "{}",
                        "[]",
                        "null",
                        "{\"orchestrators\":\"x\"}",
                        "{\"orchestrators\":[1,{}]}",
                        "{\"signer\":\"ftp://x\"}",
                        "{\"signer\":123}",
                        "{\"signer_headers\":{\"a b\":\"c\"}}",
                        "{\"signer_headers\":[]}",
                        "{\"discovery\":\"http://\"}",
                        "{\"discovery_headers\":{\"k\":\"v\\r\\n\"}}",
                        "{\"orchestrators\":[\"h:99999\"]}",
                        "{\"orchestrators\":[\"[::1]:8935\"]}")
                .map(text -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(
                json,
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().ascii().ofMaxLength(200));
    }

    @Provide
    Arbitrary<String> urls() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "http://h:1",
                        "https://h",
                        "http://",
                        "h:1",
                        "[::1]:1",
                        "http://u:p@h/",
                        "http://h/?q=1",
                        "http://h:0",
                        "http://h:70000",
                        "javascript:alert(1)",
                        "",
                        " ",
                        "http://h\r\nX: y",
                        "%%%"),
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().alpha().ofMaxLength(10).map(host -> "http://" + host + ":8935/p?x=" + host));
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("Authorization", "X-Key", "", " ", "a b", "Bad:Name", "\u00e9"),
                Arbitraries.strings().ofMaxLength(20));
    }

    /** Waits up to the bound: a result, or a documented error. */
    private static Object endsWell(CompletableFuture<?> call) {
        try {
            return call.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AssertionError("no outcome within " + BOUND_MILLIS + " ms", e);
        } catch (ExecutionException e) {
            documented(e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void documented(Throwable error) {
        Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
        if (!(cause instanceof LivepeerException || cause instanceof TrickleException)) {
            throw new AssertionError("not a documented error: " + cause, cause);
        }
    }

    private static String validImages() {
        return "{\"images\":[{\"url\":\"data:image/png;base64,iVBORw0KGgo=\",\"seed\":1,\"nsfw\":false}]}";
    }

    private static BatchRequest<ImageResponse> image() {
        return BatchRequest.of(TextToImageRequest.of("x")
                        .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                        .setWidth(64)
                        .setHeight(64))
                .pinnedTo(network.orchestrator);
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
