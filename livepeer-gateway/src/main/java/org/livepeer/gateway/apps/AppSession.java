package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.WebSocketConnection;
import org.livepeer.http.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reserved persistent session on one runner: calls go through its {@code app_url} (any method,
 * server-sent events, WebSockets); a session priced per second (or per pixel-second) pays every
 * {@link AppSettings#paymentInterval()} while open, a fixed-price one paid once at reservation.
 * {@link #close()} stops the payments and the session ({@code POST …/stop}), which frees the runner's
 * slot, and closes the WebSockets it opened.
 */
public final class AppSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Payments that fail in a row before the session stops paying (the orchestrator releases it). */
    private static final int MAX_PAYMENT_FAILURES = 3;

    private final LivepeerGateway gateway;
    private final AppSettings settings;
    private final AppRunner runner;
    private final String sessionId;
    private final String appUrl;
    private final String controlUrl;
    private final String paymentUrl;
    private final ChallengePayments payments;
    private final Set<WebSocketConnection> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean paying = new AtomicBoolean();
    private final AtomicInteger paymentFailures = new AtomicInteger();
    private ScheduledFuture<?> paymentTimer;
    private volatile boolean closed;
    private CompletableFuture<Void> stopped;

    private AppSession(
            LivepeerGateway gateway,
            AppSettings settings,
            AppRunner runner,
            String sessionId,
            String appUrl,
            String controlUrl,
            ChallengePayments payments) {
        this.gateway = gateway;
        this.settings = settings;
        this.runner = runner;
        this.sessionId = sessionId;
        this.appUrl = appUrl;
        this.controlUrl = controlUrl;
        this.payments = payments;
        String challenged = payments == null ? null : payments.paymentUrl();
        this.paymentUrl = challenged != null ? challenged : AppCalls.join(controlUrl, "/payment");
    }

    /** {@code POST {runner url}} through the 402 handshake; the answer names the session. */
    static CompletableFuture<AppSession> reserve(
            LivepeerGateway gateway, AppSettings settings, PaidExchange exchange, AppQuery query, AppRunner runner) {
        String where = runner.orchestrator().authority();
        return exchange.send(runner.orchestrator(), runner.url(), null, LiveApps.terms(query, runner))
                .thenApply(paid -> {
                    HttpResponse response = paid.response();
                    if (response.status() != 200) {
                        throw new OrchestratorException(
                                where,
                                response.status(),
                                "reserving a session on runner " + runner.route() + " answered " + response.status()
                                        + ": " + Replies.errorText(response.body()),
                                response.status() >= 500 || response.status() == 404,
                                null);
                    }
                    JsonNode reply;
                    try {
                        reply = JSON.readTree(response.body());
                    } catch (java.io.IOException e) {
                        reply = null;
                    }
                    String id = reply == null ? null : reply.path("session_id").asText(null);
                    String app = reply == null ? null : reply.path("app_url").asText(null);
                    String control =
                            reply == null ? null : reply.path("control_url").asText(null);
                    if (id == null || app == null || control == null) {
                        throw new OrchestratorException(
                                where,
                                200,
                                "the reservation answer lacks session_id, app_url or control_url",
                                true,
                                null);
                    }
                    AppSession session = new AppSession(gateway, settings, runner, id, app, control, paid.payments());
                    session.startPayments();
                    LOG.info(
                            "app session {} reserved on {} ({}, {})",
                            id,
                            where,
                            runner.app(),
                            runner.price() == null ? "free" : runner.price());
                    return session;
                });
    }

    public String id() {
        return sessionId;
    }

    public AppRunner runner() {
        return runner;
    }

    public OrchestratorAddress orchestrator() {
        return runner.orchestrator();
    }

    /** The base URL of the app's paths for this session. */
    public String appUrl() {
        return appUrl;
    }

    /** The session's control URL ({@code …/payment} and {@code …/stop} live under it). */
    public String controlUrl() {
        return controlUrl;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** What the session paid so far. */
    public AppPaymentStats payments() {
        return payments == null ? AppPaymentStats.FREE : payments.stats();
    }

    /** Sends {@code request} to the app; the response (any status) streams. */
    public CompletableFuture<AppResponse> call(AppRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(new LivepeerException("app session " + sessionId + " is closed"));
        }
        byte[] body;
        try {
            body = AppCalls.body(request, settings.maxRequestBytes());
        } catch (LivepeerException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest http =
                AppCalls.request(gateway, settings, appUrl, request, body).build();
        return gateway.transport()
                .receive(http)
                .<AppResponse>thenApply(response -> new AppResponse(response, runner.orchestrator()))
                .exceptionally(error -> {
                    throw new CompletionException(
                            PaidExchange.unreachable(runner.orchestrator(), http.describe(), error));
                });
    }

    /**
     * {@code GET target} as a server-sent event stream. Fails with an {@link OrchestratorException}
     * carrying the status when the app does not answer 2xx.
     */
    public CompletableFuture<ServerSentEvents> events(String target) {
        AppRequest request = AppRequest.builder("GET", target)
                .header("Accept", "text/event-stream")
                .build();
        return call(request).thenCompose(response -> {
            if (response.isSuccess()) {
                return CompletableFuture.completedFuture(response.events());
            }
            response.close();
            return CompletableFuture.failedFuture(new OrchestratorException(
                    runner.orchestrator().authority(),
                    response.status(),
                    "GET " + request.path() + " on app session " + sessionId + " answered " + response.status(),
                    false,
                    null));
        });
    }

    /**
     * Opens a WebSocket to the app's {@code target}; {@code listener} hears its messages on the event
     * loop (never block in it). Closed with the session.
     */
    public CompletableFuture<WebSocketConnection> webSocket(String target, WebSocketListener listener) {
        if (closed) {
            return CompletableFuture.failedFuture(new LivepeerException("app session " + sessionId + " is closed"));
        }
        AppRequest request = AppRequest.get(target);
        String url = AppCalls.join(appUrl, request.target());
        URI uri = URI.create(url.startsWith("https:") ? "wss:" + url.substring(6) : "ws:" + url.substring(5));
        WebSocketListener tracking = new WebSocketListener() {
            @Override
            public void onText(WebSocketConnection socket, String text) {
                listener.onText(socket, text);
            }

            @Override
            public void onBinary(WebSocketConnection socket, byte[] data) {
                listener.onBinary(socket, data);
            }

            @Override
            public void onClose(WebSocketConnection socket, int code, String reason) {
                sockets.remove(socket);
                listener.onClose(socket, code, reason);
            }

            @Override
            public void onError(WebSocketConnection socket, Throwable error) {
                listener.onError(socket, error);
            }
        };
        return WebSocketConnection.open(
                        gateway.transport(),
                        uri,
                        new DefaultHttpHeaders(),
                        url.startsWith("https:") ? gateway.orchestratorTls() : null,
                        settings.requestTimeout(),
                        settings.maxWebSocketFrameBytes(),
                        tracking)
                .thenApply(socket -> {
                    sockets.add(socket);
                    if (closed) {
                        socket.close();
                    }
                    return socket;
                })
                .exceptionally(error -> {
                    throw new CompletionException(PaidExchange.unreachable(
                            runner.orchestrator(),
                            "WebSocket " + request.path() + " on app session " + sessionId,
                            error));
                });
    }

    /**
     * Stops paying, closes the session's WebSockets and asks the orchestrator to stop the session
     * (freeing the runner's slot). Completes when the orchestrator answered; a session it no longer
     * knows counts as stopped.
     */
    public synchronized CompletableFuture<Void> stop() {
        if (stopped != null) {
            return stopped;
        }
        closed = true;
        if (paymentTimer != null) {
            paymentTimer.cancel(false);
        }
        sockets.forEach(WebSocketConnection::close);
        String url = AppCalls.join(controlUrl, "/stop");
        HttpRequest.Builder request = HttpRequest.post(url)
                .responseTimeout(settings.requestTimeout())
                .totalTimeout(settings.requestTimeout());
        if (url.startsWith("https:")) {
            request.sslContext(gateway.orchestratorTls());
        }
        stopped = gateway.transport().send(request.build()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(
                        PaidExchange.unreachable(runner.orchestrator(), "stopping app session " + sessionId, error));
            }
            if (response.status() == 404) {
                LOG.debug("app session {}: the orchestrator no longer knew it at stop", sessionId);
            } else if (response.status() >= 300) {
                throw new CompletionException(new OrchestratorException(
                        runner.orchestrator().authority(),
                        response.status(),
                        "stopping app session " + sessionId + " answered " + response.status() + ": "
                                + Replies.errorText(response.body()),
                        false,
                        null));
            }
            LOG.info("app session {} on {} stopped: {}", sessionId, runner.orchestrator(), payments());
            return null;
        });
        return stopped;
    }

    /** {@link #stop()}, waiting at most the request timeout; failures are logged, not thrown. */
    @Override
    public void close() {
        try {
            stop().get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.warn("app session {}: {}", sessionId, unwrap(e).getMessage());
        } catch (TimeoutException e) {
            LOG.warn("app session {}: the orchestrator did not answer the stop in time", sessionId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AppSession[" + sessionId + " on " + runner + "]";
    }

    private synchronized void startPayments() {
        if (payments == null || payments.type() == PaymentType.FIXED) {
            return;
        }
        long interval = settings.paymentInterval().toMillis();
        paymentTimer = gateway.transport()
                .eventLoopGroup()
                .next()
                .scheduleAtFixedRate(this::payIfOpen, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** One payment cycle, unless the last is still under way or the session ended. */
    private void payIfOpen() {
        if (closed || !paying.compareAndSet(false, true)) {
            return;
        }
        payments.payNow(paymentUrl).whenComplete((paid, error) -> {
            paying.set(false);
            if (closed) {
                return;
            }
            if (error == null) {
                paymentFailures.set(0);
                if (Boolean.TRUE.equals(paid)) {
                    LOG.debug("app session {}: paid {}", sessionId, payments.stats());
                }
                return;
            }
            int failures = paymentFailures.incrementAndGet();
            LOG.warn(
                    "app session {}: payment failed: {}",
                    sessionId,
                    unwrap(error).getMessage());
            if (failures >= MAX_PAYMENT_FAILURES) {
                synchronized (this) {
                    if (paymentTimer != null) {
                        paymentTimer.cancel(false);
                    }
                }
                LOG.warn(
                        "app session {}: {} payments failed in a row, no longer paying (the orchestrator will release it)",
                        sessionId,
                        failures);
            }
        });
    }

    /** For tests and stats: the WebSockets open now. */
    int openSockets() {
        return sockets.size();
    }
}
