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
import org.livepeer.gateway.signer.NoTicketsNeededException;
import org.livepeer.gateway.signer.PaymentRequest;
import org.livepeer.gateway.signer.RefreshRequiredException;
import org.livepeer.gateway.signer.RemoteSignerClient;
import org.livepeer.gateway.signer.SignedPayment;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PaymentResult;
import org.livepeer.proto.SegData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays one orchestrator through the remote signer, for one job: keeps the signer's opaque state
 * and passes it back each time, names the manifest id, refreshes the orchestrator info when the
 * signer answers 480 (at most three times in a row), treats 482 as "nothing to pay now", and
 * fails with {@link org.livepeer.gateway.PriceExceededException} on 481 so the caller can move to
 * another orchestrator. Signer calls of one session never overlap. Offchain (no signer) the
 * headers carry only the orchestrator's auth token.
 */
public final class PaymentSession {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSession.class);
    static final int MAX_REFRESHES = 3;

    private final OrchestratorSession orchestrator;
    private final RemoteSignerClient signer;
    private final NettyTransport transport;
    private final SslContext orchestratorTls;
    private final PaymentType type;
    private final BigDecimal maxPrice;
    private final String app;
    private final Duration timeout;
    private final Clock clock;
    private final TicketParamsClaims claims;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile String manifestId = newManifestId();
    private JsonNode state;
    private long payments;
    private long tickets;
    private BigDecimal paidWei = BigDecimal.ZERO;
    private long skipped;
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
            Clock clock,
            TicketParamsClaims claims) {
        this.orchestrator = orchestrator;
        this.signer = signer;
        this.transport = transport;
        this.orchestratorTls = orchestratorTls;
        this.type = type;
        this.maxPrice = maxPrice;
        this.app = app;
        this.timeout = timeout;
        this.clock = clock;
        this.claims = claims;
    }

    public OrchestratorSession orchestrator() {
        return orchestrator;
    }

    public boolean offchain() {
        return signer == null;
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
        return serialized(() -> signWithRefresh(inPixels, 0));
    }

    /**
     * A live payment cycle: asks the signer, then {@code POST {transcoder}/payment}, and adopts the
     * fresh orchestrator info of the reply. Completes with false when the cycle was skipped (482, or
     * offchain).
     */
    public CompletableFuture<Boolean> payNow() {
        if (offchain()) {
            return CompletableFuture.completedFuture(false);
        }
        return serialized(() -> signWithRefresh(0, 0).thenCompose(headers -> {
            if (headers == null) {
                return CompletableFuture.completedFuture(false);
            }
            return post(headers).thenApply(ignored -> true);
        }));
    }

    /** The signer's opaque state as last returned (null before the first payment). */
    synchronized JsonNode signerState() {
        return state;
    }

    public synchronized PaymentStats stats() {
        return new PaymentStats(payments, tickets, paidWei, skipped, lastError, lastPaymentAt);
    }

    /** Runs {@code next} after every earlier call of this session finished: one signer call at a time. */
    private synchronized <T> CompletableFuture<T> serialized(java.util.function.Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> result = tail.handle((ignored, error) -> null).thenCompose(ignored -> next.get());
        tail = result;
        return result;
    }

    private CompletableFuture<PaymentHeaders> signWithRefresh(long inPixels, int refreshes) {
        return orchestrator
                .info()
                .thenCompose(info -> firstPayment()
                        ? claims.claim(orchestrator).thenCompose(ignored -> orchestrator.info())
                        : CompletableFuture.completedFuture(info))
                .thenCompose(info -> signer.generatePayment(request(info, inPixels)))
                .thenApply(this::accepted)
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    if (cause instanceof RefreshRequiredException refresh) {
                        if (refreshes >= MAX_REFRESHES) {
                            return failed(new PaymentException(
                                    "the signer asked to refresh the orchestrator info " + MAX_REFRESHES
                                            + " times in a row: " + refresh.getMessage(),
                                    true,
                                    refresh));
                        }
                        LOG.debug("signer asks to refresh {}: {}", orchestrator.address(), refresh.getMessage());
                        return orchestrator.refresh().thenCompose(info -> signWithRefresh(inPixels, refreshes + 1));
                    }
                    if (cause instanceof NoTicketsNeededException) {
                        synchronized (this) {
                            skipped++;
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    return failed(cause);
                });
    }

    private synchronized boolean firstPayment() {
        return state == null;
    }

    private PaymentRequest request(OrchestratorInfo info, long inPixels) {
        JsonNode currentState;
        synchronized (this) {
            currentState = state;
        }
        return new PaymentRequest(
                info,
                type.wireName(),
                type == PaymentType.PER_PIXEL ? Math.max(1, inPixels) : 0,
                manifestId,
                currentState,
                app,
                maxPrice,
                type == PaymentType.LV2V ? orchestrator.capabilities() : null);
    }

    private PaymentHeaders accepted(SignedPayment signed) {
        var payment = TicketValue.decode(signed.payment());
        synchronized (this) {
            state = signed.state();
            payments++;
            tickets += TicketValue.tickets(payment);
            paidWei = paidWei.add(TicketValue.expectedValue(payment));
            lastPaymentAt = clock.instant();
            lastError = null;
        }
        return new PaymentHeaders(signed.payment(), signed.segCreds());
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
                    orchestrator.adopt(result.getInfo());
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
