package org.livepeer.gateway.discovery;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.DiscoveryException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.gateway.signer.RemoteSignerClient;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where orchestrators come from, in order of precedence: the configured list, the discovery URL,
 * the signer's {@code /discover-orchestrators}. Discovery answers are filtered with
 * {@code caps=pipeline/model} and cached briefly.
 */
public final class OrchestratorDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(Instant at, List<OrchestratorAddress> addresses) {}

    private final GatewayConfig config;
    private final NettyTransport transport;
    private final RemoteSignerClient signer;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public OrchestratorDiscovery(
            GatewayConfig config, NettyTransport transport, RemoteSignerClient signer, Duration cacheFor, Clock clock) {
        this.config = config;
        this.transport = transport;
        this.signer = signer;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The orchestrators to consider for {@code request}. */
    public CompletableFuture<List<OrchestratorAddress>> orchestrators(SelectionRequest request) {
        if (!config.orchestrators().isEmpty()) {
            return CompletableFuture.completedFuture(config.orchestrators());
        }
        // go-livepeer indexes discovery by pipeline/model only, so a pipeline alone would match
        // nothing: without a model, ask for every orchestrator and let the probes filter
        String caps = request.modelId() == null || request.modelId().isBlank() ? "" : request.describe();
        Cached cached = cache.get(caps);
        if (cached != null && clock.instant().isBefore(cached.at().plus(cacheFor))) {
            return CompletableFuture.completedFuture(cached.addresses());
        }
        CompletableFuture<List<OrchestratorAddress>> fetched;
        if (config.discoveryUrl() != null) {
            String safe = safeUrl(config.discoveryUrl());
            fetched = fromUrl(config.discoveryUrl(), caps).thenApply(json -> parse(safe, json));
        } else if (signer != null) {
            String url = signerDiscoveryUrl();
            fetched = fromSigner(caps).thenApply(json -> parse(url, json));
        } else {
            return CompletableFuture.failedFuture(noSource());
        }
        return fetched.thenApply(addresses -> {
            cache.put(caps, new Cached(clock.instant(), addresses));
            return addresses;
        });
    }

    /**
     * The raw entries of the discovery URL or, without one, of the signer's {@code
     * /discover-orchestrators} (not cached, the configured list is not consulted): each a JSON object
     * with at least {@code address}, and {@code runners} where the source lists live runner apps.
     * {@code caps} filters ({@code pipeline/model} or an app name); empty for all.
     */
    public CompletableFuture<List<JsonNode>> listings(String caps) {
        CompletableFuture<JsonNode> fetched;
        String url;
        if (config.discoveryUrl() != null) {
            url = safeUrl(config.discoveryUrl());
            fetched = fromUrl(config.discoveryUrl(), caps);
        } else if (signer != null) {
            url = signerDiscoveryUrl();
            fetched = fromSigner(caps);
        } else {
            return CompletableFuture.failedFuture(noSource());
        }
        return fetched.thenApply(json -> {
            if (json == null || !json.isArray()) {
                throw new DiscoveryException(url, "expected a JSON list of orchestrators", null);
            }
            List<JsonNode> entries = new ArrayList<>();
            json.forEach(entries::add);
            return entries;
        });
    }

    private String signerDiscoveryUrl() {
        return signer.signerUrls().get(0) + "/discover-orchestrators";
    }

    private static ConfigurationException noSource() {
        return new ConfigurationException(
                "orchestrators", "no orchestrators configured, and neither a discovery URL nor a signer to ask");
    }

    private CompletableFuture<JsonNode> fromSigner(String caps) {
        String url = signerDiscoveryUrl();
        return signer.discover(caps.isEmpty() ? List.of() : List.of(caps))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        unwrap(error) instanceof org.livepeer.gateway.SignerException signerFailed
                                ? signerFailed
                                : new DiscoveryException(url, unwrap(error).getMessage(), unwrap(error))));
    }

    private CompletableFuture<JsonNode> fromUrl(URI base, String caps) {
        String separator = base.getRawQuery() == null ? "?" : "&";
        String url = caps.isEmpty() ? base.toString() : base + separator + "caps=" + RemoteSignerClient.rawCaps(caps);
        // the query may carry an API key: messages and logs name the URL without it
        String safe = safeUrl(base);
        HttpRequest.Builder request = HttpRequest.get(url)
                .responseTimeout(config.requestTimeout())
                .idleTimeout(config.requestTimeout())
                .totalTimeout(config.requestTimeout())
                .maxResponseBytes(4 << 20);
        SslContext tls = config.discoveryTls();
        if (tls != null) {
            request.sslContext(tls);
        }
        config.discoveryHeaders().forEach(request::header);
        return transport.send(request.build()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(
                        new DiscoveryException(safe, scrub(unwrap(error).getMessage()), unwrap(error)));
            }
            if (response.status() != 200) {
                throw new CompletionException(new DiscoveryException(
                        safe, "answered " + response.status() + ": " + scrub(snippet(response.bodyAsString())), null));
            }
            try {
                return JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                // Jackson quotes the body it could not parse: keep only the kind of problem
                throw new CompletionException(new DiscoveryException(
                        safe, "the answer is not valid JSON (" + e.getClass().getSimpleName() + ")", null));
            }
        });
    }

    /** A JSON list of {@code {"address": "https://host:port", …}}; entries with bad addresses are skipped. */
    private static List<OrchestratorAddress> parse(String url, JsonNode json) {
        if (json == null || !json.isArray()) {
            throw new DiscoveryException(url, "expected a JSON list of orchestrators", null);
        }
        LinkedHashSet<OrchestratorAddress> addresses = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : json) {
            String address =
                    entry.isTextual() ? entry.asText() : entry.path("address").asText("");
            try {
                addresses.add(OrchestratorAddress.parse("discovery", address));
            } catch (ConfigurationException e) {
                skipped.add(address);
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("discovery {} listed unusable orchestrator addresses, skipped: {}", url, skipped);
        }
        return List.copyOf(addresses);
    }

    /** Scheme, host, port and path of a discovery URL: never its query or user info. */
    static String safeUrl(URI url) {
        String port = url.getPort() == -1 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() == null ? "" : "?…");
    }

    private String scrub(String text) {
        java.util.List<String> secrets =
                new java.util.ArrayList<>(config.discoveryHeaders().values());
        String query =
                config.discoveryUrl() == null ? null : config.discoveryUrl().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                secrets.add(equals < 0 ? pair : pair.substring(equals + 1));
            }
        }
        return org.livepeer.gateway.signer.Secrets.scrub(text, secrets);
    }

    private static String snippet(String text) {
        String trimmed = text.trim();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "…";
    }
}
