package org.livepeer.camel;

import static org.livepeer.gateway.Failures.unwrap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.BatchClient;
import org.livepeer.gateway.ai.BatchRequest;
import org.livepeer.gateway.ai.BatchResult;
import org.livepeer.gateway.ai.BatchSettings;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.LlmResponse;

/**
 * Sends one batch AI request per exchange, without blocking the Camel thread: the request goes out
 * on the component's event loop and the exchange continues on the producer's executor when the
 * answer (or the failure) is in. Payment, orchestrator selection and retries happen in the gateway.
 */
public class LivepeerProducer extends DefaultAsyncProducer {

    private static final int MAX_CLIENTS = 64;

    private final LivepeerEndpoint endpoint;
    /** One batch client per gateway in use (a gateway per tenant); the least recently used are closed. */
    private final Map<LivepeerGateway, BatchClient> clients = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LivepeerGateway, BatchClient> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private NetworkSettings network;
    private Map<String, Object> defaultFields;
    private ExecutorService continuation;

    public LivepeerProducer(LivepeerEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EndpointValidation.validate(endpoint);
        LivepeerConfiguration config = endpoint.getConfiguration();
        network = endpoint.networkSettings();
        defaultFields = RequestBodies.parseJson("fields", config.getFields());
        continuation = getEndpoint()
                .getCamelContext()
                .getExecutorServiceManager()
                .newDefaultThreadPool(this, "LivepeerProducer[" + endpoint.getPipeline() + "]");
        endpoint.getComponent().watchReadiness(this, endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().unwatchReadiness(this);
        synchronized (clients) {
            clients.clear();
        }
        if (continuation != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(continuation);
            continuation = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> work;
        try {
            work = send(exchange);
        } catch (RuntimeException e) {
            exchange.setException(RouteErrors.typed(e));
            callback.done(true);
            return true;
        }
        work.whenCompleteAsync(
                (ignored, error) -> {
                    if (error != null) {
                        exchange.setException(RouteErrors.typed(error));
                    }
                    callback.done(false);
                },
                continuation);
        return false;
    }

    private CompletableFuture<?> send(Exchange exchange) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        Message in = exchange.getMessage();
        Pipeline pipeline = endpoint.pipeline();
        String model = in.getHeader(LivepeerConstants.MODEL_ID, config.getModelId(), String.class);
        Map<String, Object> fields = new LinkedHashMap<>(defaultFields);
        Map<?, ?> headerFields = in.getHeader(LivepeerConstants.FIELDS, Map.class);
        if (headerFields != null) {
            headerFields.forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
        AiRequest<?> request = RequestBodies.toRequest(
                pipeline, in.getBody(), fields, model, (field, value) -> MediaBodies.toMedia(exchange, field, value));
        if (request.modelId() == null || request.modelId().isBlank()) {
            throw new ConfigurationException(
                    "modelId",
                    "livepeer:" + pipeline.pipelineName() + " has no model for this exchange: set ?modelId=… or the "
                            + LivepeerConstants.MODEL_ID + " header");
        }
        BatchRequest<?> batch = routing(in, BatchRequest.of(request));
        GatewayPool.Lease<LivepeerGateway> gateway = endpoint.getComponent().gateway(settings(in));
        long started = System.nanoTime();
        try {
            return send(in, batch, client(gateway.value())).whenComplete((done, error) -> {
                gateway.close();
                record(in, pipeline, request.modelId() == null ? model : request.modelId(), started, error);
            });
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Reports the request to the component's totals and meters. */
    private void record(Message in, Pipeline pipeline, String model, long started, Throwable error) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String orchestrator = error == null ? in.getHeader(LivepeerConstants.ORCHESTRATOR_USED, String.class) : null;
        java.math.BigDecimal paid =
                error == null ? in.getHeader(LivepeerConstants.AMOUNT_PAID, java.math.BigDecimal.class) : null;
        endpoint.getComponent()
                .requestMetrics()
                .batch(
                        pipeline.pipelineName(),
                        error == null ? in.getHeader(LivepeerConstants.MODEL_USED, model, String.class) : model,
                        orchestrator == null ? "none" : orchestrator,
                        RequestMetrics.outcome(error == null ? null : unwrap(error)),
                        took,
                        paid);
    }

    private CompletableFuture<?> send(Message in, BatchRequest<?> batch, BatchClient client) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        Pipeline pipeline = endpoint.pipeline();
        if (config.isStream()) {
            @SuppressWarnings("unchecked")
            BatchRequest<LlmResponse> llm = (BatchRequest<LlmResponse>) batch;
            return client.stream(llm).thenAccept(result -> answer(in, result, result.response()));
        }
        if (config.getOutputType() == OutputType.BYTES) {
            return client.run(batch).thenCompose(result -> {
                if (result.mediaUrls().isEmpty()) {
                    throw new CompletionException(new org.livepeer.gateway.ConfigurationException(
                            "outputType", "is bytes, but the " + pipeline + " answer has no image, audio or video"));
                }
                return result.mediaBytes(0).thenAccept(bytes -> answer(in, result, bytes));
            });
        }
        return client.run(batch).thenAccept(result -> answer(in, result, result.response()));
    }

    private static BatchRequest<?> routing(Message in, BatchRequest<?> batch) {
        String pinned = in.getHeader(LivepeerConstants.ORCHESTRATOR, String.class);
        if (pinned != null && !pinned.isBlank()) {
            batch = batch.pinnedTo(OrchestratorAddress.parse(LivepeerConstants.ORCHESTRATOR, pinned));
        }
        Map<?, ?> attributes = in.getHeader(LivepeerConstants.SELECTION_ATTRIBUTES, Map.class);
        if (attributes != null) {
            Map<String, String> values = new LinkedHashMap<>();
            attributes.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            batch = batch.withAttributes(values);
        }
        return batch;
    }

    private NetworkSettings settings(Message in) {
        Object tenantHeaders = in.getHeader(LivepeerConstants.SIGNER_HEADERS);
        return tenantHeaders == null
                ? network
                : network.withSignerHeaders(HeaderLists.parse(LivepeerConstants.SIGNER_HEADERS, tenantHeaders));
    }

    private BatchClient client(LivepeerGateway gateway) {
        synchronized (clients) {
            return clients.computeIfAbsent(
                    gateway,
                    g -> new BatchClient(
                            g, batchSettings(), endpoint.getComponent().uploadReads()));
        }
    }

    private BatchSettings batchSettings() {
        LivepeerConfiguration config = endpoint.getConfiguration();
        return BatchSettings.defaults()
                .withMaxAttempts(config.getMaxAttempts())
                .withResponseTimeout(Duration.ofMillis(config.getRequestTimeout()));
    }

    private static void answer(Message in, BatchResult<?> result, Object body) {
        in.setBody(body);
        in.setHeader(LivepeerConstants.ORCHESTRATOR_USED, result.orchestrator().authority());
        in.setHeader(LivepeerConstants.TRANSCODER_URL, result.transcoderUrl());
        in.setHeader(LivepeerConstants.MODEL_USED, result.modelId());
        in.setHeader(LivepeerConstants.PRICE_PER_UNIT, result.pricePerUnit());
        in.setHeader(LivepeerConstants.AMOUNT_PAID, result.paidWei().setScale(0, java.math.RoundingMode.HALF_UP));
        in.setHeader(LivepeerConstants.LATENCY, result.latency().toMillis());
        in.setHeader(LivepeerConstants.REQUEST_ID, result.requestId());
        in.setHeader(LivepeerConstants.ATTEMPTS, result.attempts());
    }
}
