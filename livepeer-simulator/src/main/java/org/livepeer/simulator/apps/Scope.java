package org.livepeer.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.live.LiveLedger;
import org.livepeer.simulator.orchestrator.AppPayments;
import org.livepeer.simulator.orchestrator.OrchestratorError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /scope}, in go-livepeer's order: the JSON body (400); on-chain, without a payment a
 * 402 challenge for live-video-to-video/scope, else the payment (403 credentials, 400 tickets or
 * balance); capacity (503); then the {@code -control} and {@code -events} channels and the runner.
 * Later payments go to {@code POST /payment} under the session's manifest id.
 */
final class Scope {

    private static final Logger LOG = LoggerFactory.getLogger(Scope.class);

    private final AppPayments payments;
    private final org.livepeer.simulator.trickle.TrickleServer trickle;
    private final EventLoopGroup group;
    private final Map<String, ScopeSession> sessions = new ConcurrentHashMap<>();
    private int capacity;
    private int inUse;

    Scope(AppPayments payments, org.livepeer.simulator.trickle.TrickleServer trickle, EventLoopGroup group) {
        this.payments = payments;
        this.trickle = trickle;
        this.group = group;
        this.capacity = payments.config().scopeCapacity();
    }

    void start(HttpCall call, ByteBuf body) {
        JsonNode request;
        try {
            request = HttpCall.JSON.readTree((InputStream) new ByteBufInputStream(body));
        } catch (Exception e) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (request == null || !request.isObject()) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON object");
            return;
        }
        String requestId = request.path("gateway_request_id").asText("");
        if (requestId.isEmpty()) {
            requestId = call.header("requestID") == null ? "" : call.header("requestID");
        }
        String manifestId;
        LiveLedger ledger = LiveLedger.FREE;
        if (payments.offchain()) {
            manifestId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        } else {
            String payment = call.header(PaymentChallenge.PAYMENT_HEADER);
            AppPayments.Paid paid = null;
            if (payment != null && !payment.isEmpty()) {
                try {
                    paid = payments.read(call.headers());
                } catch (OrchestratorError e) {
                    if (e.status() != 402) {
                        call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
                        return;
                    }
                }
            }
            if (paid == null) {
                if (PaymentChallenge.payer(call) != null) {
                    PaymentChallenge.respond(call, payments.scopeChallenge(), payments.serviceUrl() + "/payment");
                }
                return;
            }
            try {
                payments.credit(paid);
            } catch (OrchestratorError e) {
                call.respondText(HttpResponseStatus.BAD_REQUEST, e.getMessage());
                return;
            }
            PriceInfo price = paid.expectedPrice();
            if (price.getPricePerUnit() > 0 && !payments.sufficientBalance(paid)) {
                call.respondText(HttpResponseStatus.BAD_REQUEST, "Insufficient balance");
                return;
            }
            manifestId = paid.manifestId();
            if (price.getPricePerUnit() > 0) {
                ledger = payments.ledger(paid.sender(), manifestId, price);
            }
        }
        if (!tryAcquire()) {
            call.respondText(HttpResponseStatus.SERVICE_UNAVAILABLE, "insufficient capacity");
            return;
        }
        String id = manifestId;
        ScopeSession session = new ScopeSession(
                id,
                requestId,
                trickle,
                ledger,
                payments.config().livePaymentInterval(),
                payments.config().liveBillingSpeed(),
                () -> {
                    if (sessions.remove(id) != null) {
                        release();
                    }
                });
        sessions.put(id, session);
        session.start(request.get("params"), group.next(), statusInterval());
        String base = payments.serviceUrl() + SimApps.TRICKLE_PATH + id;
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("control_url", base + "-control");
        reply.put("events_url", base + "-events");
        reply.put("manifest_id", id);
        LOG.info("scope session {} for request {} started", id, requestId);
        call.respondJson(HttpResponseStatus.OK, reply);
    }

    /** Status events are what bills a Scope session, so they come at least twice per payment interval. */
    private Duration statusInterval() {
        Duration half = payments.config().livePaymentInterval().dividedBy(2);
        Duration min = Duration.ofMillis(50);
        Duration max = Duration.ofSeconds(1);
        return half.compareTo(min) < 0 ? min : half.compareTo(max) > 0 ? max : half;
    }

    List<String> sessionIds() {
        return new ArrayList<>(sessions.keySet());
    }

    synchronized void setCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("scope capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    void closeAll(String reason) {
        for (ScopeSession session : new ArrayList<>(sessions.values())) {
            session.close(reason);
        }
    }

    private synchronized boolean tryAcquire() {
        if (inUse >= capacity) {
            return false;
        }
        inUse++;
        return true;
    }

    private synchronized void release() {
        inUse = Math.max(0, inUse - 1);
    }
}
