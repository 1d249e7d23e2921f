package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.PaymentException;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.signer.PaymentRequest;
import org.livepeer.gateway.signer.SignedPayment;
import org.livepeer.http.HttpRequest;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PaymentResult;

/**
 * The payments of one session that began with a payment challenge: the first one (signed for the
 * challenge's parameters, sent with the reservation) and, for sessions paid over time, the later
 * ones posted to the challenge's payment URL. Keeps the signer's state and names the challenge's
 * manifest id each time; one signer call at a time.
 */
final class ChallengePayments {

    private final LivepeerGateway gateway;
    private final PaymentType type;
    private final BigDecimal maxPrice;
    private final String orchestrator;
    private final PaymentChallenge challenge;
    private final Clock clock;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private OrchestratorInfo info;
    private JsonNode state;
    private long payments;
    private long skipped;
    private String lastError;
    private Instant lastPaymentAt;

    ChallengePayments(
            LivepeerGateway gateway,
            PaymentType type,
            BigDecimal maxPrice,
            String orchestrator,
            PaymentChallenge challenge) {
        this.gateway = gateway;
        this.type = type;
        this.maxPrice = maxPrice;
        this.orchestrator = orchestrator;
        this.challenge = challenge;
        this.info = challenge.info();
        this.clock = gateway.clock();
    }

    PaymentType type() {
        return type;
    }

    /** Where later payments go, as the challenge named it; null when it did not. */
    String paymentUrl() {
        return challenge.paymentUrl();
    }

    String manifestId() {
        return challenge.manifestId();
    }

    /** The headers of the paid reservation (or single-shot call). */
    CompletableFuture<PaymentHeaders> first() {
        return serialized(() -> sign().thenApply(headers -> {
            if (headers == null) {
                throw new CompletionException(new PaymentException(
                        "the signer issued no tickets for the first payment to " + orchestrator, true, null));
            }
            return headers;
        }));
    }

    /**
     * A later payment: signer, then {@code POST} to the challenge's payment URL, whose answer carries
     * fresh ticket parameters. Completes with false when the signer had nothing to pay now (482).
     */
    CompletableFuture<Boolean> payNow(String paymentUrl) {
        return serialized(() -> sign().thenCompose(headers -> {
            if (headers == null) {
                return CompletableFuture.completedFuture(false);
            }
            return post(paymentUrl, headers).thenApply(ignored -> true);
        }));
    }

    synchronized AppPaymentStats stats() {
        return new AppPaymentStats(type, payments, skipped, lastPaymentAt, lastError);
    }

    private CompletableFuture<PaymentHeaders> sign() {
        OrchestratorInfo current;
        JsonNode currentState;
        synchronized (this) {
            current = info;
            currentState = state;
        }
        PaymentRequest request = new PaymentRequest(
                current,
                type.wireName(),
                0,
                challenge.manifestId(),
                currentState,
                gateway.config().app(),
                maxPrice,
                type == PaymentType.LV2V && current.hasCapabilities() ? current.getCapabilities() : null);
        CompletableFuture<Optional<SignedPayment>> signed = current == challenge.info()
                ? gateway.signer().generatePayment(request, challenge.paymentParams())
                : gateway.signer().generatePayment(request);
        return signed.handle((answer, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                noteError(cause);
                throw new CompletionException(
                        cause instanceof LivepeerException
                                ? cause
                                : new PaymentException(cause.getMessage(), true, cause));
            }
            if (answer.isEmpty()) {
                synchronized (this) {
                    skipped++;
                }
                return null;
            }
            SignedPayment payment = answer.get();
            synchronized (this) {
                state = payment.state();
                payments++;
                lastPaymentAt = clock.instant();
                lastError = null;
            }
            return new PaymentHeaders(payment.payment(), payment.segCreds());
        });
    }

    private CompletableFuture<Void> post(String url, PaymentHeaders headers) {
        HttpRequest.Builder request = HttpRequest.post(url)
                .header(PaymentHeaders.PAYMENT, headers.payment())
                .header(PaymentHeaders.SEGMENT, headers.segment())
                .responseTimeout(gateway.config().requestTimeout())
                .totalTimeout(gateway.config().requestTimeout())
                .maxResponseBytes(1 << 20);
        if (url.startsWith("https:")) {
            request.sslContext(gateway.orchestratorTls());
        }
        String target = HttpRequest.post(url).build().describe();
        return gateway.transport().send(request.build()).handle((response, error) -> {
            if (error != null) {
                PaymentException failed = new PaymentException(
                        target + " failed: " + unwrap(error).getMessage(), true, unwrap(error));
                noteError(failed);
                throw new CompletionException(failed);
            }
            if (response.status() != 200) {
                PaymentException refused = new PaymentException(
                        target + " answered " + response.status() + ": " + Replies.errorText(response.body()),
                        response.status() >= 500,
                        null);
                noteError(refused);
                throw new CompletionException(refused);
            }
            try {
                PaymentResult result = PaymentResult.parseFrom(response.body());
                if (result.hasInfo()) {
                    refreshed(result.getInfo());
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                PaymentException unreadable =
                        new PaymentException(target + " answered an unreadable PaymentResult", false, e);
                noteError(unreadable);
                throw new CompletionException(unreadable);
            }
            return null;
        });
    }

    /**
     * Fresh ticket parameters for the next payment. The price stays the challenge's: it is what the
     * session was reserved at, and an orchestrator's general price in the reply is not the runner's.
     */
    private synchronized void refreshed(OrchestratorInfo fresh) {
        OrchestratorInfo.Builder next = fresh.toBuilder();
        if (challenge.info().hasPriceInfo()) {
            next.setPriceInfo(challenge.info().getPriceInfo());
        }
        if (!fresh.hasAuthToken()) {
            next.setAuthToken(challenge.info().getAuthToken());
        }
        info = next.build();
    }

    private synchronized void noteError(Throwable error) {
        lastError = error.getMessage();
    }

    private synchronized <T> CompletableFuture<T> serialized(Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> result = tail.handle((ignored, error) -> null).thenCompose(ignored -> next.get());
        tail = result;
        return result;
    }
}
