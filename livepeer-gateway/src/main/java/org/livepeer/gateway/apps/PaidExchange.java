package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.StreamingResponse;

/**
 * The 402 handshake: a request goes out unpaid, naming the payer ({@code Livepeer-Payer-Address},
 * from the signer); a priced orchestrator answers 402 with a payment challenge, whose price is checked
 * against the ceiling before the signer is asked; the request is repeated with {@code
 * Livepeer-Payment} and {@code Livepeer-Segment}. A free (offchain) orchestrator answers the first
 * request.
 */
final class PaidExchange {

    static final String PAYER_HEADER = "Livepeer-Payer-Address";
    static final int PAYMENT_REQUIRED = 402;

    /** What a challenge is paid with and the ceiling it must stay under. */
    record Terms(PaymentType type, BigDecimal maxPrice, String unit, String what) {}

    /** An answer and the payments that bought it (null when nothing was paid). */
    record Paid<T>(T response, ChallengePayments payments) {}

    private final LivepeerGateway gateway;
    private final AppSettings settings;

    PaidExchange(LivepeerGateway gateway, AppSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    /** A whole exchange (reservation, Scope start): sent unpaid, paid and sent again on 402. */
    CompletableFuture<Paid<HttpResponse>> send(OrchestratorAddress orchestrator, String url, byte[] body, Terms terms) {
        return payer().thenCompose(payer -> sendOnce(orchestrator, url, body, payer, null)
                .thenCompose(response -> {
                    if (response.status() != PAYMENT_REQUIRED) {
                        return CompletableFuture.completedFuture(new Paid<>(response, null));
                    }
                    ChallengePayments payments = accept(orchestrator, describe(url), response.body(), payer, terms);
                    return payments.first()
                            .thenCompose(headers -> sendOnce(orchestrator, url, body, payer, headers))
                            .thenApply(paid -> new Paid<>(paid, payments));
                }));
    }

    /**
     * A streamed call (single-shot): a priced runner is first asked for its challenge without the
     * body, so the body goes out once, paid; a free one gets the call at once (and is paid and asked
     * again should it answer 402 all the same).
     */
    CompletableFuture<Paid<StreamingResponse>> stream(
            OrchestratorAddress orchestrator,
            String url,
            AppRequest request,
            byte[] body,
            boolean priced,
            Terms terms) {
        String what = describe(url);
        return payer().thenCompose(payer -> {
            CompletableFuture<byte[]> challenge;
            if (priced) {
                challenge = sendOnce(orchestrator, url, null, payer, null, request.method())
                        .thenApply(probe -> {
                            if (probe.status() != PAYMENT_REQUIRED) {
                                throw new CompletionException(new OrchestratorException(
                                        orchestrator.authority(),
                                        probe.status(),
                                        what + " answered " + probe.status() + " instead of a payment challenge: "
                                                + Replies.errorText(probe.body()),
                                        probe.status() >= 500,
                                        null));
                            }
                            return probe.body();
                        });
            } else {
                return streamOnce(orchestrator, url, request, body, payer, null).thenCompose(response -> {
                    if (response.status() != PAYMENT_REQUIRED) {
                        return CompletableFuture.completedFuture(new Paid<>(response, null));
                    }
                    return response.completion()
                            .handle((done, error) -> readSmall(response))
                            .thenCompose(challengeBody ->
                                    payAndStream(orchestrator, url, request, body, payer, terms, what, challengeBody));
                });
            }
            return challenge.thenCompose(
                    challengeBody -> payAndStream(orchestrator, url, request, body, payer, terms, what, challengeBody));
        });
    }

    private CompletableFuture<Paid<StreamingResponse>> payAndStream(
            OrchestratorAddress orchestrator,
            String url,
            AppRequest request,
            byte[] body,
            String payer,
            Terms terms,
            String what,
            byte[] challengeBody) {
        ChallengePayments payments = accept(orchestrator, what, challengeBody, payer, terms);
        return payments.first()
                .thenCompose(headers -> streamOnce(orchestrator, url, request, body, payer, headers))
                .thenApply(response -> new Paid<>(response, payments));
    }

    /** Checks a 402 answer: a challenge, from a gateway that can pay, at a price under the ceiling. */
    private ChallengePayments accept(
            OrchestratorAddress orchestrator, String what, byte[] body, String payer, Terms terms) {
        if (payer == null) {
            throw new OrchestratorException(
                    orchestrator.authority(),
                    PAYMENT_REQUIRED,
                    what + " asks for payment, and the gateway runs offchain (no signer configured)",
                    true,
                    null);
        }
        PaymentChallenge challenge = PaymentChallenge.parse(orchestrator.authority(), what, body);
        BigDecimal price = challenge.pricePerUnit();
        if (terms.maxPrice() != null && price != null && price.compareTo(terms.maxPrice()) > 0) {
            throw new PriceExceededException(
                    orchestrator.authority(),
                    terms.what(),
                    price,
                    terms.maxPrice(),
                    RunnerPrice.unitName(terms.unit()),
                    "maxPrice");
        }
        return new ChallengePayments(gateway, terms.type(), terms.maxPrice(), orchestrator.authority(), challenge);
    }

    /** The payer's address for challenges, {@code 0x} and 40 hex digits; null offchain. */
    CompletableFuture<String> payer() {
        if (gateway.signer() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return gateway.signer()
                .credentials()
                .thenApply(credentials -> "0x" + HexFormat.of().formatHex(credentials.address()));
    }

    private CompletableFuture<HttpResponse> sendOnce(
            OrchestratorAddress orchestrator, String url, byte[] body, String payer, PaymentHeaders paid) {
        return sendOnce(orchestrator, url, body, payer, paid, "POST");
    }

    private CompletableFuture<HttpResponse> sendOnce(
            OrchestratorAddress orchestrator,
            String url,
            byte[] body,
            String payer,
            PaymentHeaders paid,
            String method) {
        HttpRequest.Builder request = HttpRequest.builder(method, url)
                .responseTimeout(settings.requestTimeout())
                .totalTimeout(settings.requestTimeout())
                .maxResponseBytes(1 << 20);
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        decorate(request, url, payer, paid);
        return gateway.transport().send(request.build()).exceptionally(error -> {
            throw new CompletionException(unreachable(orchestrator, method + " " + describe(url), error));
        });
    }

    private CompletableFuture<StreamingResponse> streamOnce(
            OrchestratorAddress orchestrator,
            String url,
            AppRequest appRequest,
            byte[] body,
            String payer,
            PaymentHeaders paid) {
        HttpRequest.Builder request = AppCalls.request(gateway, settings, url, appRequest, body);
        decorate(request, url, payer, paid);
        return gateway.transport().receive(request.build()).exceptionally(error -> {
            throw new CompletionException(unreachable(orchestrator, appRequest.method() + " " + describe(url), error));
        });
    }

    private void decorate(HttpRequest.Builder request, String url, String payer, PaymentHeaders paid) {
        if (url.startsWith("https:")) {
            request.sslContext(gateway.orchestratorTls());
        }
        if (payer != null) {
            request.header(PAYER_HEADER, payer);
        }
        if (paid != null) {
            request.header(PaymentHeaders.PAYMENT, paid.payment()).header(PaymentHeaders.SEGMENT, paid.segment());
        }
    }

    /** A transport failure as the orchestrator's (retryable); the gateway's own errors pass unchanged. */
    static RuntimeException unreachable(OrchestratorAddress orchestrator, String what, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof LivepeerException known) {
            return known;
        }
        return new OrchestratorException(
                orchestrator.authority(), what + " failed: " + cause.getMessage(), true, cause);
    }

    /** Method-less URL without query, for messages. */
    static String describe(String url) {
        try {
            return HttpRequest.get(url).build().describe().substring("GET ".length());
        } catch (IllegalArgumentException e) {
            return "the orchestrator";
        }
    }

    private static byte[] readSmall(StreamingResponse response) {
        try (response) {
            return response.body().readNBytes(1 << 20);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
