package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NoOrchestratorAvailableException.Rejection;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runners: each configured orchestrator's {@code GET /discovery} (on its transcoder URL, from
 * {@code GetOrchestrator}), or else the listings of the discovery URL or the signer's {@code
 * /discover-orchestrators}, whose entries carry {@code runners} (an entry without them is asked for
 * its own {@code /discovery}).
 */
final class RunnerDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runners found and the orchestrators that could not be asked, with why. */
    record Found(List<AppRunner> runners, List<Rejection> problems) {}

    private record Cached(java.time.Instant at, Found found) {}

    private final LivepeerGateway gateway;
    private final AppSettings settings;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    RunnerDiscovery(LivepeerGateway gateway, AppSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    /** The runners listed for {@code app} (and others the sources list with it), reused for a while. */
    CompletableFuture<Found> find(String app) {
        java.time.Instant now = gateway.clock().instant();
        Cached cached = cache.get(app);
        if (cached != null && now.isBefore(cached.at().plus(settings.discoveryCacheFor()))) {
            return CompletableFuture.completedFuture(cached.found());
        }
        return fetch(app).thenApply(found -> {
            if (found.problems().isEmpty() && !settings.discoveryCacheFor().isZero()) {
                cache.put(app, new Cached(now, found));
            }
            return found;
        });
    }

    private CompletableFuture<Found> fetch(String app) {
        List<OrchestratorAddress> configured = gateway.config().orchestrators();
        if (!configured.isEmpty()) {
            return askEach(configured);
        }
        return gateway.discovery().listings(app).thenCompose(entries -> {
            List<AppRunner> listed = new ArrayList<>();
            List<OrchestratorAddress> toAsk = new ArrayList<>();
            List<Rejection> unusable = new ArrayList<>();
            for (JsonNode entry : entries) {
                String address = entry.path("address").asText("");
                OrchestratorAddress orchestrator = null;
                try {
                    orchestrator = OrchestratorAddress.parse("discovery", address);
                } catch (LivepeerException e) {
                    // runners still name where they are; an entry without them is skipped below
                }
                JsonNode runners = entry.get("runners");
                if (runners != null && runners.isArray()) {
                    listed.addAll(parseRunners(runners, orchestrator));
                } else if (orchestrator != null) {
                    toAsk.add(orchestrator);
                } else if (!address.isEmpty()) {
                    unusable.add(new Rejection(address, "not a usable orchestrator address"));
                }
            }
            return askEach(toAsk).thenApply(asked -> {
                List<AppRunner> all = new ArrayList<>(listed);
                all.addAll(asked.runners());
                List<Rejection> problems = new ArrayList<>(unusable);
                problems.addAll(asked.problems());
                return new Found(all, problems);
            });
        });
    }

    private CompletableFuture<Found> askEach(List<OrchestratorAddress> orchestrators) {
        List<CompletableFuture<Found>> answers = new ArrayList<>();
        for (OrchestratorAddress orchestrator : orchestrators) {
            answers.add(ask(orchestrator));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    List<AppRunner> runners = new ArrayList<>();
                    List<Rejection> problems = new ArrayList<>();
                    for (CompletableFuture<Found> answer : answers) {
                        runners.addAll(answer.join().runners());
                        problems.addAll(answer.join().problems());
                    }
                    return new Found(runners, problems);
                });
    }

    /**
     * {@code GET {transcoder}/discovery}, the transcoder URL from the orchestrator's info; a failure
     * becomes a problem, never an exception.
     */
    private CompletableFuture<Found> ask(OrchestratorAddress orchestrator) {
        return gateway.orchestrator(orchestrator, Pipeline.LIVE_VIDEO_TO_VIDEO, null)
                .info()
                .thenCompose(info -> ask(orchestrator, info.getTranscoder()))
                .exceptionally(error -> problem(
                        orchestrator.authority(),
                        "GetOrchestrator failed: " + unwrap(error).getMessage()));
    }

    private CompletableFuture<Found> ask(OrchestratorAddress orchestrator, String transcoder) {
        String base = transcoder.endsWith("/") ? transcoder.substring(0, transcoder.length() - 1) : transcoder;
        String url = base + "/discovery";
        String where = orchestrator.authority();
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.get(url)
                    .responseTimeout(settings.requestTimeout())
                    .totalTimeout(settings.requestTimeout())
                    .maxResponseBytes(4 << 20);
            if (url.startsWith("https:")) {
                builder.sslContext(gateway.orchestratorTls());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(problem(where, "its transcoder URL is not usable"));
        }
        return gateway.transport().send(request).handle((response, error) -> {
            if (error != null) {
                return problem(where, "GET /discovery failed: " + unwrap(error).getMessage());
            }
            if (response.status() != 200) {
                return problem(where, "GET /discovery answered " + response.status());
            }
            try {
                JsonNode json = JSON.readTree(response.body());
                List<AppRunner> runners = new ArrayList<>();
                if (json != null && json.isArray()) {
                    for (JsonNode entry : json) {
                        runners.addAll(parseRunners(entry.path("runners"), orchestrator));
                    }
                } else if (json != null && json.has("runners")) {
                    runners.addAll(parseRunners(json.path("runners"), orchestrator));
                }
                return new Found(runners, List.of());
            } catch (java.io.IOException e) {
                return problem(where, "GET /discovery answered something that is not JSON");
            }
        });
    }

    private static Found problem(String orchestrator, String reason) {
        LOG.debug("runner discovery on {}: {}", orchestrator, reason);
        return new Found(List.of(), List.of(new Rejection(orchestrator, reason)));
    }

    /** Runner records; unusable ones (no URL or app, unknown mode, price in another currency) are skipped. */
    static List<AppRunner> parseRunners(JsonNode runners, OrchestratorAddress orchestrator) {
        List<AppRunner> parsed = new ArrayList<>();
        if (runners == null || !runners.isArray()) {
            return parsed;
        }
        for (JsonNode runner : runners) {
            AppRunner record = parseRunner(runner, orchestrator);
            if (record != null) {
                parsed.add(record);
            }
        }
        return parsed;
    }

    /** {@code orchestrator}: where the record came from (null: the host and port of its URL). */
    private static AppRunner parseRunner(JsonNode json, OrchestratorAddress orchestrator) {
        String url = text(json, "url");
        String app = text(json, "app");
        RunnerMode mode = RunnerMode.parse(text(json, "mode"));
        if (url == null || app == null || mode == null) {
            LOG.debug("skipping a runner record without url, app or a known mode");
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        RunnerPrice price = null;
        JsonNode priceInfo = json.get("price_info");
        if (priceInfo != null && priceInfo.isObject() && priceInfo.hasNonNull("price")) {
            String currency = priceInfo.path("currency").asText("wei");
            BigDecimal amount;
            try {
                amount = new BigDecimal(priceInfo.get("price").asText());
            } catch (NumberFormatException e) {
                return null;
            }
            if (!"wei".equalsIgnoreCase(currency) || amount.signum() < 0) {
                return null;
            }
            if (amount.signum() > 0) {
                price = new RunnerPrice(amount, "wei", priceInfo.path("unit").asText(RunnerPrice.SECONDS));
            }
        }
        int capacity = json.path("capacity").asInt(0);
        int used = json.path("capacity_used").asInt(0);
        int available = json.has("capacity_available")
                ? json.path("capacity_available").asInt(0)
                : Math.max(0, capacity - used);
        return new AppRunner(
                orchestrator != null ? orchestrator : new OrchestratorAddress(host, port),
                url,
                app,
                text(json, "version"),
                text(json, "metadata"),
                mode,
                capacity,
                used,
                available,
                price);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
