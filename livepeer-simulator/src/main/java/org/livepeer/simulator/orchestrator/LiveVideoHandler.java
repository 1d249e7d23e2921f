package org.livepeer.simulator.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.live.LiveLedger;
import org.livepeer.simulator.live.LiveSession;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.trickle.TrickleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /live-video-to-video}, in go-livepeer's order: capacity (503), payment headers
 * (402/403), the initial payment credited to a new manifest id (400), a balance of at least one
 * ticket (400); then the four trickle channels and the runner, and their URLs in the reply.
 */
final class LiveVideoHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LiveVideoHandler.class);
    static final String TRICKLE_PATH = "/ai/trickle/";

    private final OrchestratorConfig config;
    private final PaymentProcessor payments;
    private final Balances balances;
    private final ModelCatalog catalog;
    private final TrickleServer trickle;
    private final java.util.function.Supplier<String> baseUrl;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();

    LiveVideoHandler(
            OrchestratorConfig config,
            PaymentProcessor payments,
            Balances balances,
            ModelCatalog catalog,
            TrickleServer trickle,
            java.util.function.Supplier<String> baseUrl) {
        this.config = config;
        this.payments = payments;
        this.balances = balances;
        this.catalog = catalog;
        this.trickle = trickle;
        this.baseUrl = baseUrl;
    }

    private final java.util.concurrent.ConcurrentLinkedDeque<String> startAuthorizations =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    HttpHandler handler() {
        return HttpHandler.buffered(1024 * 1024, this::handle);
    }

    Collection<LiveSession> sessions() {
        return sessions.values();
    }

    Optional<LiveSession> session(String manifestId) {
        return Optional.ofNullable(sessions.get(manifestId));
    }

    void closeAll(String reason) {
        for (LiveSession session : sessions.values()) {
            session.close(reason);
        }
    }

    /**
     * The {@code Authorization} header of recent start requests, oldest first ("" when absent).
     * go-livepeer's orchestrator does not check it on this route (its request validator's
     * authentication is a no-op), so neither does the simulator; tests read it here.
     */
    List<String> startAuthorizations() {
        return List.copyOf(startAuthorizations);
    }

    private void handle(HttpCall call, ByteBuf body) {
        String authorization = call.header("Authorization");
        startAuthorizations.addLast(authorization == null ? "" : authorization);
        while (startAuthorizations.size() > 32) {
            startAuthorizations.pollFirst();
        }
        JsonNode request;
        try {
            request = HttpCall.JSON.readTree((java.io.InputStream) new ByteBufInputStream(body));
        } catch (Exception e) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (request == null
                || !request.hasNonNull("model_id")
                || request.get("model_id").asText().isBlank()) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "model_id is required");
            return;
        }
        String modelId = request.get("model_id").asText();
        String requestId = text(request, "gateway_request_id", call.header("requestID"));
        String streamId = text(request, "stream_id", call.header("streamID"));
        String manifestId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

        if (!catalog.tryAcquire(Capability.LIVE_VIDEO_TO_VIDEO, modelId)) {
            call.respondText(HttpResponseStatus.SERVICE_UNAVAILABLE, "insufficient capacity");
            return;
        }
        LiveLedger ledger;
        try {
            PaymentProcessor.PaymentHeaders headers = payments.readHeaders(call.headers());
            payments.process(headers, manifestId);
            PriceInfo price = headers.payment().getExpectedPrice();
            if (price.getPricePerUnit() > 0 && !payments.sufficientBalance(headers.sender(), manifestId)) {
                throw new OrchestratorError(400, "Insufficient balance");
            }
            ledger = config.offchain() || price.getPricePerUnit() == 0
                    ? LiveLedger.FREE
                    : new SessionLedger(headers.sender(), manifestId, price);
        } catch (OrchestratorError e) {
            catalog.release(Capability.LIVE_VIDEO_TO_VIDEO, modelId);
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
            return;
        }

        LiveSession session = new LiveSession(
                manifestId,
                modelId,
                requestId,
                streamId,
                request.get("params"),
                trickle,
                ledger,
                config.livePaymentInterval(),
                config.liveBillingSpeed(),
                () -> {
                    sessions.remove(manifestId);
                    catalog.release(Capability.LIVE_VIDEO_TO_VIDEO, modelId);
                });
        sessions.put(manifestId, session);
        session.start();

        String channelBase = baseUrl.get() + TRICKLE_PATH + manifestId;
        ObjectNode reply = HttpCall.JSON.createObjectNode();
        reply.put("publish_url", channelBase);
        reply.put("subscribe_url", channelBase + "-out");
        reply.put("control_url", channelBase + "-control");
        reply.put("events_url", channelBase + "-events");
        reply.put("request_id", requestId);
        reply.put("manifest_id", manifestId);
        LOG.info("{}: live session {} for model {} started", config.name(), manifestId, modelId);
        call.respondJson(HttpResponseStatus.OK, reply);
    }

    private static String text(JsonNode request, String field, String fallback) {
        JsonNode value = request.get(field);
        if (value != null && !value.isNull() && !value.asText().isEmpty()) {
            return value.asText();
        }
        return fallback == null ? "" : fallback;
    }

    /** Charges a session's balance at the price its first payment fixed. */
    private final class SessionLedger implements LiveLedger {
        private final String sender;
        private final String manifestId;
        private final PriceInfo price;

        SessionLedger(String sender, String manifestId, PriceInfo price) {
            this.sender = sender;
            this.manifestId = manifestId;
            this.price = price;
        }

        @Override
        public synchronized boolean charge(long units) {
            BigRational fee = BigRational.of(price.getPricePerUnit(), price.getPixelsPerUnit())
                    .multiply(units);
            if (balances.balance(sender, manifestId).compareTo(fee) < 0) {
                return false;
            }
            balances.debit(sender, manifestId, price, units);
            return true;
        }

        @Override
        public String balance() {
            return balances.balance(sender, manifestId).toFloatString(0);
        }
    }
}
