package org.livepeer.gateway.ai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.gateway.orchestrator.Offer;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.BatchCharge;
import org.livepeer.gateway.payment.BatchPayments;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.StreamingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs batch AI requests on the Livepeer network, as go-livepeer's gateway does: selects an
 * orchestrator for the pipeline and model, pays it through the signer for the units the request
 * costs (with credit carried over between requests: see {@link BatchPayments}), POSTs the request to {@code {transcoder}/{pipeline}} and parses the answer. Failures that
 * another orchestrator may not repeat are retried there, up to {@link BatchSettings#maxAttempts()}
 * orchestrators; the others fail at once. Non-blocking throughout; futures complete on the
 * transport's event loop, so do not block in callbacks attached to them.
 *
 * <pre>{@code
 * BatchClient client = new BatchClient(gateway, BatchSettings.defaults(), uploadReads);
 * BatchResult<ImageResponse> result = client.run(TextToImageRequest.of("a lighthouse at dawn")).join();
 * byte[] png = result.mediaBytes(0).join();
 * }</pre>
 *
 * The client owns no threads and nothing to close: the gateway (and its transport) belong to the
 * caller, and so does the executor that reads upload streams ({@code InputStream} bodies, whose
 * reads block), as OkHttp's {@code Dispatcher} takes its executor from its caller.
 */
public final class BatchClient {

    private static final Logger LOG = LoggerFactory.getLogger(BatchClient.class);

    private final LivepeerGateway gateway;
    private final BatchSettings settings;
    private final Clock clock;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final RequestEncoder encoder = new RequestEncoder(json);
    private final OrchestratorCall call;
    private final MediaFetcher fetcher;
    /** The caller's executor for blocking reads: upload streams, and error bodies of streamed answers. */
    private final Executor blockingReads;

    /**
     * @param uploadReads runs the blocking reads of upload streams, one chunk at a time; it must
     *     not be an event loop of the gateway's transport
     */
    public BatchClient(LivepeerGateway gateway, BatchSettings settings, Executor uploadReads) {
        this(gateway, settings, Clock.systemUTC(), uploadReads);
    }

    public BatchClient(LivepeerGateway gateway, BatchSettings settings, Clock clock, Executor uploadReads) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.blockingReads = Objects.requireNonNull(uploadReads, "uploadReads");
        this.call = new OrchestratorCall(gateway.transport(), gateway.orchestratorTls(), settings, uploadReads);
        this.fetcher = new MediaFetcher(gateway.transport(), gateway.orchestratorTls(), settings);
    }

    /** Runs {@code request} with default routing. */
    public <R> CompletableFuture<BatchResult<R>> run(AiRequest<R> request) {
        return run(BatchRequest.of(request));
    }

    /**
     * Runs a request and parses the whole answer. For an llm request with {@code stream} set, use
     * {@link #stream(BatchRequest)}.
     */
    public <R> CompletableFuture<BatchResult<R>> run(BatchRequest<R> request) {
        PreparedRequest prepared;
        try {
            prepared = encoder.prepare(request.body());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(invalid(e));
        }
        if (prepared.streaming()) {
            return CompletableFuture.failedFuture(
                    new InvalidAiRequestException("an llm request with stream=true is answered by stream(...)"));
        }
        Class<R> type = request.body().responseType();
        return new Attempts<>(request, prepared, (session, url) -> sendWhole(session, url, prepared, type)).start();
    }

    /** Runs an llm request as a stream of chunks (sends {@code stream}); close the stream when done. */
    public CompletableFuture<BatchResult<LlmStream>> stream(LlmRequest request) {
        return stream(BatchRequest.of(request));
    }

    /**
     * Runs an llm request as a stream of chunks: it is sent with {@code stream} set, and {@code
     * request} is left as it is (it may be sent again). Close the stream when done.
     */
    public CompletableFuture<BatchResult<LlmStream>> stream(BatchRequest<LlmResponse> request) {
        if (!(request.body() instanceof LlmRequest llm)) {
            return CompletableFuture.failedFuture(new InvalidAiRequestException(
                    "only llm answers stream, not " + request.body().pipeline()));
        }
        PreparedRequest prepared;
        try {
            prepared = encoder.prepare(llm, true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(invalid(e));
        }
        return new Attempts<LlmStream>(request, prepared, (session, url) -> sendStreaming(session, url, prepared))
                .start();
    }

    /** Fetches media of answers (also reachable through {@link BatchResult#mediaBytes(int)}). */
    public MediaFetcher mediaFetcher() {
        return fetcher;
    }

    public BatchSettings settings() {
        return settings;
    }

    private <R> CompletableFuture<R> sendWhole(
            OrchestratorSession session, PaidUrl url, PreparedRequest prepared, Class<R> type) {
        String orchestrator = session.address().toString();
        return call.send(orchestrator, url.url(), prepared, url.headers()).thenApply(response -> {
            if (response.status() != 200) {
                throw new CompletionException(
                        FailurePolicy.errorReply(orchestrator, url.url(), response.status(), response.bodyAsString()));
            }
            return parse(response, type, orchestrator, url.url());
        });
    }

    private CompletableFuture<LlmStream> sendStreaming(
            OrchestratorSession session, PaidUrl url, PreparedRequest prepared) {
        String orchestrator = session.address().toString();
        return call.receive(orchestrator, url.url(), prepared, url.headers()).thenCompose(response -> {
            if (response.status() == 200) {
                return CompletableFuture.completedFuture(new LlmStream(response, json, orchestrator, url.url()));
            }
            // the error body is read (bounded, and limited in time by the transport) off the event loop
            return CompletableFuture.supplyAsync(() -> readPrefix(response), blockingReads)
                    .handle((body, error) -> {
                        response.close();
                        throw new CompletionException(FailurePolicy.errorReply(
                                orchestrator, url.url(), response.status(), error == null ? body : ""));
                    });
        });
    }

    /** The first bytes of an error body: enough for a message, never the whole of a hostile one. */
    private static String readPrefix(StreamingResponse response) {
        try {
            return new String(
                    response.body().readNBytes(MAX_ERROR_BODY_BYTES), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    /** A request the encoder refused: a documented error type, whatever the encoder threw. */
    private static RuntimeException invalid(RuntimeException error) {
        if (error instanceof org.livepeer.gateway.LivepeerException livepeer) {
            return livepeer;
        }
        return new InvalidAiRequestException(String.valueOf(error.getMessage()), error);
    }

    private <R> R parse(HttpResponse response, Class<R> type, String orchestrator, String url) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CompletionException(new OrchestratorException(
                    orchestrator, "POST " + url + " answered unreadable JSON: " + e.getMessage(), true, e));
        }
    }

    /** The URL of one attempt and the payment headers that go with it. */
    private record PaidUrl(String url, PaymentHeaders headers) {}

    /** An answer and the payment it was sent with. */
    private record Served<R>(R response, BatchCharge charge) {}

    /** Tells the credit how the attempt ended (see {@link FailurePolicy#settle}). */
    private static void settle(BatchCharge charge, Throwable error) {
        FailurePolicy.settle(charge, error);
    }

    /** The attempts of one request, each on an orchestrator the earlier ones did not use. */
    private final class Attempts<R> {
        private final BatchRequest<?> request;
        private final PreparedRequest prepared;
        private final BiFunction<OrchestratorSession, PaidUrl, CompletableFuture<R>> send;
        private final SelectionRequest selection;
        private final String requestId = UUID.randomUUID().toString();
        private final Instant started = clock.instant();
        private final List<OrchestratorAddress> failed = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();
        private final CompletableFuture<BatchResult<R>> result = new CompletableFuture<>();

        Attempts(
                BatchRequest<?> request,
                PreparedRequest prepared,
                BiFunction<OrchestratorSession, PaidUrl, CompletableFuture<R>> send) {
            this.request = request;
            this.prepared = prepared;
            this.send = send;
            SelectionRequest base =
                    SelectionRequest.of(prepared.pipeline(), prepared.modelId()).withAttributes(request.attributes());
            if (request.maxPricePerUnit() != null) {
                base = base.withMaxPrice(request.maxPricePerUnit());
            }
            if (request.pinned() != null) {
                base = base.pinnedTo(request.pinned());
            }
            this.selection = base;
        }

        CompletableFuture<BatchResult<R>> start() {
            attempt();
            return result;
        }

        private void attempt() {
            int number = failures.size() + 1;
            gateway.select(selection, List.copyOf(failed)).whenComplete((session, error) -> {
                if (error != null) {
                    selectionFailed(error);
                } else {
                    attemptOn(session, number);
                }
            });
        }

        private void attemptOn(OrchestratorSession session, int number) {
            BatchPayments payments = gateway.batchPayments(session);
            String url = session.transcoderUrl() + "/" + prepared.pipeline().pipelineName();
            LOG.debug(
                    "request {}: attempt {} on {} ({} {} units)",
                    requestId,
                    number,
                    session.address(),
                    prepared.pipeline(),
                    prepared.units());
            payments.charge(prepared.units())
                    .thenCompose(charge -> send.apply(session, new PaidUrl(url, charge.headers()))
                            .whenComplete((response, error) -> settle(charge, error))
                            .thenApply(response -> new Served<>(response, charge)))
                    .whenComplete((served, error) -> {
                        if (error == null) {
                            succeeded(session, served.charge(), served.response(), number);
                        } else {
                            attemptFailed(session, org.livepeer.gateway.Failures.unwrap(error));
                        }
                    });
        }

        private void succeeded(OrchestratorSession session, BatchCharge charge, R response, int attempts) {
            Offer offer = session.offer();
            BigDecimal price = offer == null ? null : offer.price();
            Duration latency = Duration.between(started, clock.instant());
            LOG.debug(
                    "request {}: {} {} served by {} in {} ms after {} attempt(s), {} units",
                    requestId,
                    prepared.pipeline(),
                    prepared.modelId(),
                    session.address(),
                    latency.toMillis(),
                    attempts,
                    prepared.units());
            result.complete(new BatchResult<>(
                    response,
                    session.address(),
                    session.transcoderUrl(),
                    prepared.modelId(),
                    price,
                    prepared.units(),
                    charge.feeWei(),
                    latency,
                    requestId,
                    attempts,
                    fetcher));
        }

        private void attemptFailed(OrchestratorSession session, Throwable error) {
            failures.add(error);
            FailurePolicy.Action action = FailurePolicy.decide(error);
            boolean more = failures.size() < settings.maxAttempts() && prepared.canSend();
            LOG.debug(
                    "request {}: {} failed on {}: {}{}",
                    requestId,
                    prepared.pipeline(),
                    session.address(),
                    error.getMessage(),
                    action != FailurePolicy.Action.FAIL && more ? "; trying another orchestrator" : "");
            if (action == FailurePolicy.Action.FAIL || !more) {
                fail(error);
                return;
            }
            failed.add(session.address());
            if (action == FailurePolicy.Action.RETRY_ELSEWHERE_AND_REFRESH) {
                // its next requests need fresh ticket parameters or credentials
                session.refresh();
            } else {
                gateway.reportFailure(session.address(), error.getMessage());
            }
            attempt();
        }

        private void selectionFailed(Throwable error) {
            Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
            if (failures.isEmpty()) {
                fail(cause);
                return;
            }
            // after a failed attempt, the orchestrator's own error says more than "nothing left"
            Throwable last = failures.remove(failures.size() - 1);
            last.addSuppressed(cause);
            fail(last);
        }

        private void fail(Throwable error) {
            for (Throwable earlier : failures) {
                if (earlier != error) {
                    error.addSuppressed(earlier);
                }
            }
            result.completeExceptionally(error);
        }
    }
}
