package org.livepeer.gateway.signer;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.SignerException;
import org.livepeer.gateway.orchestrator.SenderCredentials;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote signer's HTTP API: the sender credentials for {@code GetOrchestrator} (fetched once,
 * then cached), payments ({@code /generate-live-payment}) and orchestrator discovery. Several
 * signer URLs fail over to each other: a signer that cannot be reached or answers 5xx is skipped
 * for the next. Signer headers are sent on every call and never logged.
 */
public final class RemoteSignerClient implements SenderCredentials.Source {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSignerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NettyTransport transport;
    private final List<URI> signers;
    private final Map<String, String> headers;
    private final SslContext tls;
    private final Duration timeout;
    private final AtomicInteger preferred = new AtomicInteger();
    private volatile CompletableFuture<SenderCredentials> credentials;

    public RemoteSignerClient(
            NettyTransport transport,
            List<URI> signers,
            Map<String, String> headers,
            SslContext tls,
            Duration timeout) {
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("at least one signer URL is needed");
        }
        this.transport = transport;
        this.signers = List.copyOf(signers);
        this.headers = Map.copyOf(headers);
        this.tls = tls;
        this.timeout = timeout;
    }

    /** {@code POST /sign-orchestrator-info}, once; a failure is not cached. */
    @Override
    public CompletableFuture<SenderCredentials> credentials() {
        CompletableFuture<SenderCredentials> current = credentials;
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        synchronized (this) {
            if (credentials == null || credentials.isCompletedExceptionally()) {
                credentials = call("/sign-orchestrator-info", "POST", "{}", this::parseCredentials);
            }
            return credentials;
        }
    }

    /**
     * Asks the signer to sign again ({@code POST /sign-orchestrator-info}, not cached): completes
     * when a signer answers, fails with its error otherwise. For health checks.
     */
    public CompletableFuture<Void> ping() {
        return call("/sign-orchestrator-info", "POST", "{}", this::parseCredentials)
                .thenApply(credentials -> null);
    }

    /**
     * {@code POST /generate-live-payment}. Empty when the signer answers 482 (the balance still
     * covers the work: nothing to pay this time, an everyday answer, so not an exception); 480 and
     * 481 fail with their own exception types.
     */
    public CompletableFuture<Optional<SignedPayment>> generatePayment(PaymentRequest request) {
        String orchestrator = request.orchestrator().getTranscoder();
        return call("/generate-live-payment", "POST", body(request), reply -> parsePayment(reply, orchestrator));
    }

    /**
     * {@code POST /generate-live-payment} for orchestrator info that came as base64 bytes (a live
     * runner's or Scope's payment challenge): those bytes go to the signer verbatim, not re-encoded.
     */
    public CompletableFuture<Optional<SignedPayment>> generatePayment(
            PaymentRequest request, String orchestratorBase64) {
        String orchestrator = request.orchestrator().getTranscoder();
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(body(request));
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        json.put("orchestrator", orchestratorBase64);
        return call("/generate-live-payment", "POST", json.toString(), reply -> parsePayment(reply, orchestrator));
    }

    /** {@code pipeline/model} with its slash kept, as the python gateway sends it; the rest percent-encoded. */
    public static String rawCaps(String caps) {
        return java.net.URLEncoder.encode(caps, java.nio.charset.StandardCharsets.UTF_8)
                .replace("%2F", "/");
    }

    /** {@code GET /discover-orchestrators?caps=…}: the raw JSON list. */
    public CompletableFuture<JsonNode> discover(List<String> caps) {
        StringBuilder path = new StringBuilder("/discover-orchestrators");
        for (int i = 0; i < caps.size(); i++) {
            path.append(i == 0 ? '?' : '&').append("caps=").append(rawCaps(caps.get(i)));
        }
        return call(path.toString(), "GET", null, this::parseJson);
    }

    public List<URI> signerUrls() {
        return signers;
    }

    private <T> CompletableFuture<T> call(String path, String method, String body, Function<Reply, T> parse) {
        int first = Math.floorMod(preferred.get(), signers.size());
        return attempt(path, method, body, parse, first, 0, new ArrayList<>());
    }

    /** Tries signer {@code index}; on a reachability failure or 5xx, the next one. */
    private <T> CompletableFuture<T> attempt(
            String path,
            String method,
            String body,
            Function<Reply, T> parse,
            int index,
            int tried,
            List<String> failures) {
        URI signer = signers.get(index);
        String url = signer.toString() + path;
        // head, pauses in the body and the whole call are all bounded by the signer timeout, so a
        // hung signer call cannot hold up the payments queued behind it
        HttpRequest.Builder request = HttpRequest.builder(method, url)
                .responseTimeout(timeout)
                .idleTimeout(timeout)
                .totalTimeout(timeout)
                .maxResponseBytes(1 << 20);
        if (tls != null) {
            request.sslContext(tls);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return transport
                .send(request.build())
                .handle((response, error) -> {
                    if (error != null) {
                        return CompletableFuture.<T>failedFuture(
                                new SignerException(signer.toString(), 0, scrub(describe(error)), unwrap(error)));
                    }
                    if (response.status() >= 500) {
                        return CompletableFuture.<T>failedFuture(new SignerException(
                                signer.toString(),
                                response.status(),
                                scrub(SignerReplies.errorMessage(response.body())),
                                null));
                    }
                    try {
                        preferred.set(index);
                        return CompletableFuture.completedFuture(parse.apply(new Reply(signer.toString(), response)));
                    } catch (RuntimeException e) {
                        return CompletableFuture.<T>failedFuture(e);
                    }
                })
                .thenCompose(f -> f)
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    boolean failover = cause instanceof SignerException se && (se.status() == 0 || se.status() >= 500);
                    if (failover && tried + 1 < signers.size()) {
                        failures.add(cause.getMessage());
                        LOG.warn("{}; trying the next signer", cause.getMessage());
                        return attempt(path, method, body, parse, (index + 1) % signers.size(), tried + 1, failures);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** Signer header values (credentials) a signer echoed in its answer never reach a message. */
    private String scrub(String message) {
        return Secrets.scrub(message, headers.values());
    }

    private record Reply(String signer, HttpResponse response) {}

    private SenderCredentials parseCredentials(Reply reply) {
        JsonNode json = requireOk(reply);
        try {
            byte[] address = hex(json.path("address").asText(null));
            byte[] signature = hex(json.path("signature").asText(null));
            if (address.length != 20 || signature.length == 0) {
                throw new IllegalArgumentException("address must be 20 bytes and signature non-empty");
            }
            return new SenderCredentials(address, signature);
        } catch (IllegalArgumentException e) {
            throw new SignerException(
                    reply.signer(), 200, "malformed /sign-orchestrator-info reply: " + scrub(e.getMessage()), e);
        }
    }

    private Optional<SignedPayment> parsePayment(Reply reply, String orchestrator) {
        HttpResponse response = reply.response();
        String message = response.status() == 200 ? null : scrub(SignerReplies.errorMessage(response.body()));
        switch (response.status()) {
            case 200 -> {}
            case 480 -> throw new RefreshRequiredException(
                    reply.signer(), response.header("Livepeer-Orchestrator-URL"), message);
            case 481 -> throw new PriceExceededException(reply.signer(), orchestrator, message);
            case 482 -> {
                return Optional.empty();
            }
            default -> throw new SignerException(reply.signer(), response.status(), message, null);
        }
        JsonNode json = parseJson(reply);
        String payment = json.path("payment").asText("");
        JsonNode state = json.get("state");
        if (payment.isEmpty() || state == null || !state.isObject()) {
            throw new SignerException(
                    reply.signer(), 200, "malformed /generate-live-payment reply: missing payment or state", null);
        }
        return Optional.of(new SignedPayment(payment, json.path("segCreds").asText(""), state));
    }

    private JsonNode requireOk(Reply reply) {
        return parseJson(reply);
    }

    private JsonNode parseJson(Reply reply) {
        if (reply.response().status() != 200) {
            throw new SignerException(
                    reply.signer(),
                    reply.response().status(),
                    scrub(SignerReplies.errorMessage(reply.response().body())),
                    null);
        }
        try {
            JsonNode json = JSON.readTree(reply.response().body());
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return json;
        } catch (Exception e) {
            // Jackson quotes the body it could not parse: keep only the kind of problem
            throw new SignerException(
                    reply.signer(),
                    200,
                    "the reply is not valid JSON (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    private static String body(PaymentRequest request) {
        ObjectNode json = JSON.createObjectNode();
        json.put(
                "orchestrator",
                Base64.getEncoder().encodeToString(request.orchestrator().toByteArray()));
        if (request.type() != null) {
            json.put("type", request.type());
        }
        if (request.inPixels() > 0) {
            json.put("inPixels", request.inPixels());
        }
        if (request.manifestId() != null) {
            json.put("ManifestID", request.manifestId());
        }
        if (request.state() != null) {
            json.set("state", request.state());
        }
        if (request.app() != null) {
            json.put("app", request.app());
        }
        if (request.maxPrice() != null && request.maxPriceUnit() != null) {
            ObjectNode max = json.putObject("maxPrice");
            max.put("price", request.maxPrice());
            max.put("currency", "wei");
            max.put("unit", request.maxPriceUnit());
        }
        if (request.capabilities() != null) {
            json.put(
                    "capabilities",
                    Base64.getEncoder().encodeToString(request.capabilities().toByteArray()));
        }
        return json.toString();
    }

    private static byte[] hex(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing field");
        }
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return HexFormat.of().parseHex(digits);
    }

    private static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
