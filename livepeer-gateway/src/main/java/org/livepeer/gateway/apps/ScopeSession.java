package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.gateway.NoOrchestratorAvailableException.Rejection;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.live.LiveEvents;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.trickle.PublishedSegment;
import org.livepeer.trickle.TricklePublisher;
import org.livepeer.trickle.TrickleSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Scope session (live video on the {@code scope} model): started with {@code POST /scope} through
 * the 402 payment challenge, then driven like a live video-to-video job through its two trickle
 * channels: JSON parameter updates out on the control channel (with a keepalive every 10 s), the
 * runner's events in on the events channel. A paid session pays every {@link
 * AppSettings#paymentInterval()} while open ({@code POST /payment}).
 */
public final class ScopeSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEEPALIVE_MILLIS = 10_000;

    private final LivepeerGateway gateway;
    private final OrchestratorAddress orchestrator;
    private final String manifestId;
    private final ChallengePayments payments;
    private final String paymentUrl;
    private final TricklePublisher control;
    private final TrickleSubscriber events;
    private final AtomicBoolean paying = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile boolean closed;

    private ScopeSession(
            LivepeerGateway gateway,
            OrchestratorAddress orchestrator,
            String manifestId,
            String controlUrl,
            String eventsUrl,
            ChallengePayments payments,
            String paymentUrl) {
        this.gateway = gateway;
        this.orchestrator = orchestrator;
        this.manifestId = manifestId;
        this.payments = payments;
        this.paymentUrl = paymentUrl;
        this.control = TricklePublisher.builder(gateway.transport(), controlUrl)
                .sslContext(gateway.orchestratorTls())
                .mimeType("application/json")
                .build();
        this.events = TrickleSubscriber.builder(gateway.transport(), eventsUrl)
                .sslContext(gateway.orchestratorTls())
                .startSeq(TrickleSubscriber.LIVE)
                .build();
    }

    /**
     * Starts a session on the first orchestrator (from the gateway's orchestrators, for {@code
     * live-video-to-video/scope}) that accepts it, trying at most {@link AppSettings#maxAttempts()}.
     */
    public static CompletableFuture<ScopeSession> start(
            LivepeerGateway gateway, ScopeRequest request, AppSettings settings) {
        return gateway.discoverOrchestrators(SelectionRequest.of(Pipeline.LIVE_VIDEO_TO_VIDEO, ScopeRequest.MODEL_ID))
                .thenCompose(addresses -> attempt(gateway, request, settings, addresses, 0, new ArrayList<>()));
    }

    private static CompletableFuture<ScopeSession> attempt(
            LivepeerGateway gateway,
            ScopeRequest request,
            AppSettings settings,
            List<OrchestratorAddress> addresses,
            int index,
            List<Rejection> rejections) {
        int tried = (int) rejections.stream()
                .filter(rejection -> !rejection.reason().startsWith("suspended"))
                .count();
        if (index >= addresses.size() || tried >= settings.maxAttempts()) {
            return CompletableFuture.failedFuture(new NoOrchestratorAvailableException(
                    Pipeline.LIVE_VIDEO_TO_VIDEO.pipelineName() + "/" + ScopeRequest.MODEL_ID, rejections));
        }
        OrchestratorAddress address = addresses.get(index);
        var suspended = gateway.suspensions().current(address);
        if (suspended.isPresent()) {
            rejections.add(new Rejection(
                    address.authority(),
                    "suspended after a failure: " + suspended.get().reason()));
            return attempt(gateway, request, settings, addresses, index + 1, rejections);
        }
        return startOn(gateway, request, settings, address).exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            boolean moveOn = cause instanceof OrchestratorException
                    || cause instanceof PriceExceededException
                    || (cause instanceof LivepeerException known
                            && known.isRetryable()
                            && !(cause instanceof ConfigurationException));
            if (!moveOn) {
                return CompletableFuture.failedFuture(cause);
            }
            if (cause instanceof OrchestratorException failed && (failed.status() == 0 || failed.status() >= 500)) {
                gateway.reportFailure(address, cause.getMessage());
            }
            rejections.add(new Rejection(address.authority(), cause.getMessage()));
            LOG.info("Scope could not start on {}: {}; trying the next orchestrator", address, cause.getMessage());
            return attempt(gateway, request, settings, addresses, index + 1, rejections);
        });
    }

    private static CompletableFuture<ScopeSession> startOn(
            LivepeerGateway gateway, ScopeRequest request, AppSettings settings, OrchestratorAddress address) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model_id", ScopeRequest.MODEL_ID);
        body.set("params", JSON.valueToTree(request.params()));
        if (request.requestId() != null) {
            body.put("gateway_request_id", request.requestId());
        }
        PaidExchange exchange = new PaidExchange(gateway, settings);
        PaidExchange.Terms terms =
                new PaidExchange.Terms(PaymentType.LV2V, gateway.config().maxPricePerUnit(), "pixel", "Scope");
        String where = address.authority();
        return gateway.orchestrator(address, Pipeline.LIVE_VIDEO_TO_VIDEO, ScopeRequest.MODEL_ID)
                .info()
                .exceptionally(error -> {
                    throw new CompletionException(new OrchestratorException(
                            where, "GetOrchestrator failed: " + unwrap(error).getMessage(), true, unwrap(error)));
                })
                .thenCompose(info -> {
                    String url = AppCalls.join(info.getTranscoder(), "/scope");
                    return exchange.send(address, url, body.toString().getBytes(StandardCharsets.UTF_8), terms)
                            .thenApply(paid ->
                                    open(gateway, address, AppCalls.join(info.getTranscoder(), "/payment"), paid));
                })
                .thenCompose(session -> session.events.start().handle((seq, error) -> {
                    if (error != null) {
                        // its channels are closed again, and the orchestrator ends a session whose control channel
                        // closes
                        session.closeAsync();
                        throw new CompletionException(new OrchestratorException(
                                where,
                                "the events channel of Scope session " + session.manifestId + " failed: "
                                        + unwrap(error).getMessage(),
                                true,
                                unwrap(error)));
                    }
                    session.startTimers(settings);
                    LOG.info("Scope session {} started on {}", session.manifestId, where);
                    return session;
                }));
    }

    /** The session the orchestrator's answer to {@code POST /scope} describes. */
    private static ScopeSession open(
            LivepeerGateway gateway,
            OrchestratorAddress address,
            String defaultPaymentUrl,
            PaidExchange.Paid<HttpResponse> paid) {
        String where = address.authority();
        HttpResponse response = paid.response();
        if (response.status() != 200) {
            throw new OrchestratorException(
                    where,
                    response.status(),
                    "POST /scope answered " + response.status() + ": " + Replies.errorText(response.body()),
                    response.status() >= 500 || response.status() == 402 || response.status() == 403,
                    null);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        String controlUrl = reply == null ? null : reply.path("control_url").asText(null);
        String eventsUrl = reply == null ? null : reply.path("events_url").asText(null);
        String manifest = reply == null ? null : reply.path("manifest_id").asText(null);
        if (controlUrl == null || eventsUrl == null || manifest == null) {
            throw new OrchestratorException(
                    where, 200, "the /scope answer lacks control_url, events_url or manifest_id", true, null);
        }
        ChallengePayments payments = paid.payments();
        String paymentUrl = payments == null ? null : payments.paymentUrl();
        return new ScopeSession(
                gateway,
                address,
                manifest,
                controlUrl,
                eventsUrl,
                payments,
                paymentUrl != null ? paymentUrl : defaultPaymentUrl);
    }

    public String manifestId() {
        return manifestId;
    }

    public OrchestratorAddress orchestrator() {
        return orchestrator;
    }

    /** What the session paid so far. */
    public AppPaymentStats payments() {
        return payments == null ? AppPaymentStats.FREE : payments.stats();
    }

    /** Sends a parameter update to the runner (one JSON message per control segment). */
    public CompletableFuture<PublishedSegment> control(Map<String, ?> params) {
        if (closed) {
            return CompletableFuture.failedFuture(new LivepeerException("Scope session " + manifestId + " is closed"));
        }
        try {
            return control.publish(JSON.writeValueAsBytes(params));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The runner's next event as parsed JSON; null when the events channel ended or the session is
     * closed. The event's body is read on {@code bodyReads}, the caller's executor.
     */
    public CompletableFuture<JsonNode> nextEvent(Executor bodyReads) {
        Objects.requireNonNull(bodyReads, "bodyReads");
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return LiveEvents.next(events, bodyReads);
    }

    /** Stops payments and keepalives and closes both channels without waiting; completes when they are closed. */
    public CompletableFuture<Void> closeAsync() {
        synchronized (this) {
            closed = true;
            timers.forEach(timer -> timer.cancel(false));
        }
        return CompletableFuture.allOf(
                control.closeAsync().handle((ok, error) -> null),
                events.closeAsync().handle((ok, error) -> null));
    }

    /** Stops payments and keepalives and closes both channels; waits at most 10 s for the channels. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            timers.forEach(timer -> timer.cancel(false));
        }
        try {
            CompletableFuture.allOf(
                            control.closeAsync().handle((ok, error) -> null),
                            events.closeAsync().handle((ok, error) -> null))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("closing the channels of Scope session {} did not complete: {}", manifestId, e.toString());
        }
        LOG.info("Scope session {} on {} closed: {}", manifestId, orchestrator, payments());
    }

    private synchronized void startTimers(AppSettings settings) {
        var loop = gateway.transport().eventLoopGroup().next();
        timers.add(
                loop.scheduleAtFixedRate(this::keepalive, KEEPALIVE_MILLIS, KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS));
        if (payments != null && paymentUrl != null) {
            long interval = settings.paymentInterval().toMillis();
            timers.add(loop.scheduleAtFixedRate(this::pay, interval, interval, TimeUnit.MILLISECONDS));
        }
    }

    private void keepalive() {
        if (closed) {
            return;
        }
        control.publish("{\"keep\":\"alive\"}".getBytes(StandardCharsets.UTF_8)).whenComplete((ok, error) -> {
            if (error != null && !closed) {
                LOG.warn(
                        "Scope session {}: keepalive failed: {}",
                        manifestId,
                        unwrap(error).getMessage());
            }
        });
    }

    private void pay() {
        if (closed || !paying.compareAndSet(false, true)) {
            return;
        }
        payments.payNow(paymentUrl).whenComplete((paid, error) -> {
            paying.set(false);
            if (error != null && !closed) {
                LOG.warn(
                        "Scope session {}: payment failed: {}",
                        manifestId,
                        unwrap(error).getMessage());
            }
        });
    }
}
