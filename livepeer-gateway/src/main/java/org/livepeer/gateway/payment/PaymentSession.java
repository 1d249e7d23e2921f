package org.livepeer.gateway.payment;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.ssl.SslContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.PaymentException;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.signer.PaymentRequest;
import org.livepeer.gateway.signer.RefreshRequiredException;
import org.livepeer.gateway.signer.RemoteSignerClient;
import org.livepeer.gateway.signer.SignedPayment;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PaymentResult;
import org.livepeer.proto.SegData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signer state chain on one orchestrator: keeps the signer's opaque state and passes it back
 * each time, names the manifest id, refreshes the orchestrator info when the signer answers 480
 * (at most three times in a row), treats 482 as "nothing to pay now", and fails with {@link
 * org.livepeer.gateway.PriceExceededException} on 481 so the caller can move to another
 * orchestrator. Offchain (no signer) the headers carry only the orchestrator's auth token.
 *
 * <p>Sender nonces never repeat: the signer numbers tickets per recipientRandHash, from 1 for a hash
 * its state has not used yet. So the ticket parameters this session pays with are its own: the
 * orchestrator's cached info if no other session took it, else a {@code GetOrchestrator} of its
 * own; after a 480 or a live payment's reply, fresh parameters that nobody else holds. Calls of one
 * session never overlap.
 */
public final class PaymentSession {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSession.class);
    static final int MAX_REFRESHES = 3;

    /**
     * An orchestrator accepts at most 600 sender nonces per ticket parameters (go-livepeer's
     * maxSenderNonces) and the signer writes at most 100 tickets per payment: past this many tickets
     * the session fetches fresh parameters before the next payment.
     */
    static final int TICKETS_PER_PARAMS = 500;

    /** What the signer returned for one call, with what the credit model needs to know about it. */
    record Signature(PaymentHeaders headers, int tickets, Wei value, Wei billed) {}

    private final OrchestratorSession orchestrator;
    private final RemoteSignerClient signer;
    private final NettyTransport transport;
    private final SslContext orchestratorTls;
    private final PaymentType type;
    private final BigDecimal maxPrice;
    private final String app;
    private final Duration timeout;
    private final Clock clock;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile String manifestId = newManifestId();
    private OrchestratorInfo info;
    private Instant infoFetchedAt;
    private boolean infoSigned;
    private int ticketsOnInfo;
    private Wei initialPrice;
    private Payment lastPayment;
    private String lastSegCreds;
    private JsonNode state;
    private long payments;
    private long tickets;
    private Wei paidWei = Wei.ZERO;
    private long skipped;
    private long refreshes;
    private String lastError;
    private Instant lastPaymentAt;

    public PaymentSession(
            OrchestratorSession orchestrator,
            RemoteSignerClient signer,
            NettyTransport transport,
            SslContext orchestratorTls,
            PaymentType type,
            BigDecimal maxPrice,
            String app,
            Duration timeout,
            Clock clock) {
        this.orchestrator = orchestrator;
        this.signer = signer;
        this.transport = transport;
        this.orchestratorTls = orchestratorTls;
        this.type = type;
        this.maxPrice = maxPrice;
        this.app = app;
        this.timeout = timeout;
        this.clock = clock;
    }

    public OrchestratorSession orchestrator() {
        return orchestrator;
    }

    public boolean offchain() {
        return signer == null;
    }

    public PaymentType type() {
        return type;
    }

    /**
     * Ties later payments to the orchestrator's accounting for this job. A session starts with an id
     * of its own (the signer needs one once it has state); live jobs switch to the manifest id the
     * orchestrator assigned.
     */
    public void manifestId(String id) {
        this.manifestId = id;
    }

    public String manifestId() {
        return manifestId;
    }

    /**
     * Headers for one paid request. {@code inPixels} prices per-pixel batch work (ignored for other
     * types). Completes with null when the signer says no tickets are needed (482); the request may
     * then go out with the previous credit.
     */
    public CompletableFuture<PaymentHeaders> headers(long inPixels) {
        if (offchain()) {
            return orchestrator.info().thenApply(PaymentSession::offchainHeaders);
        }
        return sign(Math.max(1, inPixels)).thenApply(signature -> signature == null ? null : signature.headers());
    }

    /**
     * A live payment cycle: asks the signer, then {@code POST {transcoder}/payment}, and pays with the
     * fresh ticket parameters of the reply from then on. Completes with false when the cycle was
     * skipped (482, or offchain).
     */
    public CompletableFuture<Boolean> payNow() {
        if (offchain()) {
            return CompletableFuture.completedFuture(false);
        }
        return serialized(() -> signWithRefresh(0, 0).thenCompose(signature -> {
            if (signature == null) {
                return CompletableFuture.completedFuture(false);
            }
            return post(signature.headers()).thenApply(ignored -> true);
        }));
    }

    /** The signer's opaque state as last returned (null before the first payment). */
    synchronized JsonNode signerState() {
        return state;
    }

    public synchronized PaymentStats stats() {
        return new PaymentStats(payments, tickets, paidWei.toBigDecimal(), skipped, lastError, lastPaymentAt);
    }

    /** GetOrchestrator calls this session made for ticket parameters of its own after the first. */
    public synchronized long refreshes() {
        return refreshes;
    }

    /** One signer call (refreshing on 480), after every earlier call of this session; null on 482. */
    CompletableFuture<Signature> sign(long inPixels) {
        return serialized(() -> signWithRefresh(inPixels, 0));
    }

    /** The ticket parameters this session pays with: its own, fetched when it has none or they aged. */
    CompletableFuture<OrchestratorInfo> ticketInfo() {
        synchronized (this) {
            if (info != null
                    && ticketsOnInfo < TICKETS_PER_PARAMS
                    && !orchestrator.isStale(info, infoFetchedAt, clock.instant())) {
                return CompletableFuture.completedFuture(info);
            }
        }
        OrchestratorInfo cached = orchestrator.claimCachedInfo();
        if (cached != null) {
            use(cached, false);
            return CompletableFuture.completedFuture(cached);
        }
        return orchestrator.fetchExclusive().thenApply(fresh -> {
            use(fresh, true);
            return fresh;
        });
    }

    /** True until a signed payment carries the current ticket parameters and auth token. */
    synchronized boolean needsSignature() {
        return !infoSigned || lastPayment == null;
    }

    /** Wei per pixel the signer bills this state at: the price of its first payment. */
    synchronized Wei billingPrice(OrchestratorInfo current) {
        return initialPrice != null ? initialPrice : TicketValue.pricePerPixel(current);
    }

    /**
     * Headers that carry no new tickets, for work the credit already covers: the sender and expected
     * price as go-livepeer sends them with zero tickets, and the last segment credentials (same auth
     * token). Null before the first signed payment.
     */
    synchronized PaymentHeaders unticketedHeaders(OrchestratorInfo current) {
        if (lastPayment == null || lastSegCreds == null) {
            return null;
        }
        Payment payment = Payment.newBuilder()
                .setSender(lastPayment.getSender())
                .setExpectedPrice(current.getPriceInfo())
                .build();
        return new PaymentHeaders(Base64.getEncoder().encodeToString(payment.toByteArray()), lastSegCreds);
    }

    private synchronized void use(OrchestratorInfo fresh, boolean fetched) {
        info = fresh;
        infoFetchedAt = clock.instant();
        infoSigned = false;
        ticketsOnInfo = 0;
        if (fetched && payments > 0) {
            refreshes++;
        }
    }

    /** Runs {@code next} after every earlier call of this session finished: one signer call at a time. */
    private synchronized <T> CompletableFuture<T> serialized(java.util.function.Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> result = tail.handle((ignored, error) -> null).thenCompose(ignored -> next.get());
        tail = result;
        return result;
    }

    private CompletableFuture<Signature> signWithRefresh(long inPixels, int refreshCount) {
        return ticketInfo()
                .thenCompose(current -> signer.generatePayment(request(current, inPixels))
                        .thenApply(signed -> signed.map(payment -> accepted(current, payment, inPixels))
                                .orElseGet(this::skippedCycle)))
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    if (cause instanceof RefreshRequiredException refresh) {
                        if (refreshCount >= MAX_REFRESHES) {
                            return failed(new PaymentException(
                                    "the signer asked to refresh the orchestrator info " + MAX_REFRESHES
                                            + " times in a row: " + refresh.getMessage(),
                                    true,
                                    refresh));
                        }
                        LOG.debug("signer asks to refresh {}: {}", orchestrator.address(), refresh.getMessage());
                        return orchestrator.fetchExclusive().thenCompose(fresh -> {
                            use(fresh, true);
                            return signWithRefresh(inPixels, refreshCount + 1);
                        });
                    }
                    return failed(cause);
                });
    }

    private PaymentRequest request(OrchestratorInfo current, long inPixels) {
        JsonNode currentState;
        synchronized (this) {
            currentState = state;
        }
        return new PaymentRequest(
                current,
                type.wireName(),
                type == PaymentType.PER_PIXEL ? Math.max(1, inPixels) : 0,
                manifestId,
                currentState,
                app,
                maxPrice,
                type == PaymentType.LV2V ? orchestrator.capabilities() : null);
    }

    private Signature accepted(OrchestratorInfo current, SignedPayment signed, long inPixels) {
        Payment payment = TicketValue.decode(signed.payment());
        Wei value = TicketValue.expectedValue(payment);
        synchronized (this) {
            if (initialPrice == null) {
                initialPrice = TicketValue.pricePerPixel(current);
            }
            state = signed.state();
            lastPayment = payment;
            lastSegCreds = signed.segCreds();
            infoSigned = current == info;
            if (infoSigned) {
                ticketsOnInfo += TicketValue.tickets(payment);
            }
            payments++;
            tickets += TicketValue.tickets(payment);
            paidWei = paidWei.add(value);
            lastPaymentAt = clock.instant();
            lastError = null;
            Wei billed = type == PaymentType.PER_PIXEL ? initialPrice.multiply(Math.max(1, inPixels)) : Wei.ZERO;
            return new Signature(
                    new PaymentHeaders(signed.payment(), signed.segCreds()),
                    TicketValue.tickets(payment),
                    value,
                    billed);
        }
    }

    /** The signer answered 482: the balance still covers the work, nothing is paid this cycle. */
    private synchronized Signature skippedCycle() {
        skipped++;
        return null;
    }

    private CompletableFuture<Void> post(PaymentHeaders headers) {
        String url = orchestrator.transcoderUrl() + "/payment";
        HttpRequest.Builder request = HttpRequest.post(url)
                .header(PaymentHeaders.PAYMENT, headers.payment())
                .header(PaymentHeaders.SEGMENT, headers.segment())
                .responseTimeout(timeout)
                .maxResponseBytes(1 << 20);
        if (url.startsWith("https:")) {
            request.sslContext(orchestratorTls);
        }
        return transport.send(request.build()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(new PaymentException(
                        "POST " + url + " failed: " + unwrap(error).getMessage(), true, unwrap(error)));
            }
            if (response.status() != 200) {
                throw new CompletionException(new PaymentException(
                        "POST " + url + " answered " + response.status() + ": "
                                + response.bodyAsString().trim(),
                        response.status() >= 500,
                        null));
            }
            try {
                PaymentResult result = PaymentResult.parseFrom(response.body());
                if (result.hasInfo()) {
                    // fresh parameters meant for this session: they stay with it
                    use(result.getInfo(), false);
                }
            } catch (Exception e) {
                throw new CompletionException(
                        new PaymentException("POST " + url + " answered an unreadable PaymentResult", false, e));
            }
            return null;
        });
    }

    private <T> CompletableFuture<T> failed(Throwable cause) {
        synchronized (this) {
            lastError = cause.getMessage();
        }
        return CompletableFuture.failedFuture(
                cause instanceof LivepeerException ? cause : new PaymentException(cause.getMessage(), true, cause));
    }

    private static String newManifestId() {
        return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static PaymentHeaders offchainHeaders(OrchestratorInfo info) {
        SegData segData = SegData.newBuilder().setAuthToken(info.getAuthToken()).build();
        return new PaymentHeaders("", Base64.getEncoder().encodeToString(segData.toByteArray()));
    }
}
