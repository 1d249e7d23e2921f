package org.livepeer.gateway.apps;

import static org.livepeer.gateway.Failures.unwrap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.gateway.NoOrchestratorAvailableException.Rejection;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.SignerException;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.Suspensions;
import org.livepeer.http.StreamingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live Runner apps on a {@link LivepeerGateway}: discovers runners, reserves persistent sessions and
 * makes single-shot calls, moving to another runner when one is full (503), unreachable or
 * refuses, and skipping orchestrators that failed recently (the gateway's suspensions). Prices above
 * the query's ceiling are refused before anything is paid.
 *
 * <pre>{@code
 * LiveApps apps = new LiveApps(gateway);
 * try (AppSession session = apps.open(AppQuery.of("echo/v1")).join();
 *         AppResponse answer = session.call(AppRequest.get("/echo?x=1")).join()) {
 *     System.out.println(answer.bodyAsString());
 * }
 * }</pre>
 */
public final class LiveApps {

    private static final Logger LOG = LoggerFactory.getLogger(LiveApps.class);

    private final LivepeerGateway gateway;
    private final AppSettings settings;
    private final RunnerDiscovery discovery;
    private final PaidExchange exchange;

    public LiveApps(LivepeerGateway gateway) {
        this(gateway, AppSettings.defaults());
    }

    public LiveApps(LivepeerGateway gateway, AppSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
        this.discovery = new RunnerDiscovery(gateway, settings);
        this.exchange = new PaidExchange(gateway, settings);
    }

    public AppSettings settings() {
        return settings;
    }

    public LivepeerGateway gateway() {
        return gateway;
    }

    /**
     * The runners that serve the query's app (and version and mode, when given) at or under its price
     * ceiling, the cheapest with free capacity first. Orchestrators that cannot be asked are left out
     * (logged at DEBUG).
     */
    public CompletableFuture<List<AppRunner>> discover(AppQuery query) {
        return discovery.find(query.app()).thenApply(found -> found.runners().stream()
                .filter(query::matches)
                .filter(runner -> !query.tooExpensive(runner))
                .sorted(ORDER)
                .toList());
    }

    /**
     * Reserves a persistent session on the best runner for {@code query}: paid through the 402
     * challenge when the runner is priced (then kept funded while open, unless its price is fixed).
     */
    public CompletableFuture<AppSession> open(AppQuery query) {
        AppQuery persistent = query.mode() == null ? query.withMode(RunnerMode.PERSISTENT) : query;
        if (persistent.mode() != RunnerMode.PERSISTENT) {
            return CompletableFuture.failedFuture(
                    new ConfigurationException("mode", "only persistent runners have sessions"));
        }
        return tryRunners(persistent, runner -> AppSession.reserve(gateway, settings, exchange, persistent, runner));
    }

    /**
     * One single-shot call: the runner reserves a slot for this request only (paid like a session when
     * priced) and releases it when the response ends. The response body streams.
     */
    public CompletableFuture<AppResponse> call(AppQuery query, AppRequest request) {
        AppQuery singleShot = query.mode() == null ? query.withMode(RunnerMode.SINGLE_SHOT) : query;
        byte[] body;
        try {
            body = AppCalls.body(request, settings.maxRequestBytes());
        } catch (LivepeerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return tryRunners(singleShot, runner -> singleShot(singleShot, runner, request, body));
    }

    private CompletableFuture<AppResponse> singleShot(
            AppQuery query, AppRunner runner, AppRequest request, byte[] body) {
        PaidExchange.Terms terms = terms(query, runner);
        return exchange.stream(runner.orchestrator(), runner.url(), request, body, !runner.isFree(), terms)
                .thenCompose(paid -> {
                    StreamingResponse response = paid.response();
                    if (response.status() != 503) {
                        return CompletableFuture.completedFuture(new AppResponse(response, runner.orchestrator()));
                    }
                    // the short error body has arrived once the exchange completed: reading it cannot block
                    return response.completion().<AppResponse>handle((done, error) -> {
                        String text = Replies.errorText(readQuietly(response));
                        throw new java.util.concurrent.CompletionException(new OrchestratorException(
                                runner.orchestrator().authority(),
                                503,
                                "runner " + runner.route() + " has no free capacity: " + text,
                                true,
                                null));
                    });
                });
    }

    static PaidExchange.Terms terms(AppQuery query, AppRunner runner) {
        PaymentType type =
                runner.price() == null ? PaymentType.LIVE : runner.price().paymentType();
        String unit =
                runner.price() == null ? RunnerPrice.SECONDS : runner.price().unit();
        return new PaidExchange.Terms(type, query.maxPrice(), unit, query.describe());
    }

    /** Free capacity first, then the cheapest (free runners cost nothing), then as listed. */
    private static final Comparator<AppRunner> ORDER = Comparator.comparing(
                    (AppRunner runner) -> runner.capacityAvailable() > 0 ? 0 : 1)
            .thenComparing(runner ->
                    runner.price() == null ? BigDecimal.ZERO : runner.price().price());

    /**
     * Tries matching runners in order, at most {@code maxAttempts}, until one succeeds; fails with
     * every rejection (a {@link PriceExceededException} when price was the only reason).
     */
    private <T> CompletableFuture<T> tryRunners(AppQuery query, Function<AppRunner, CompletableFuture<T>> attempt) {
        return discovery.find(query.app()).thenCompose(found -> {
            List<Rejection> rejections = new ArrayList<>(found.problems());
            List<PriceExceededException> priceRefusals = new ArrayList<>();
            List<AppRunner> candidates = candidates(query, found.runners(), rejections, priceRefusals);
            if (candidates.isEmpty()) {
                return CompletableFuture.failedFuture(noRunner(query, rejections, priceRefusals, List.of()));
            }
            return attempt(query, candidates, 0, 0, rejections, priceRefusals, new ArrayList<>(), attempt);
        });
    }

    private List<AppRunner> candidates(
            AppQuery query,
            List<AppRunner> runners,
            List<Rejection> rejections,
            List<PriceExceededException> priceRefusals) {
        Suspensions suspensions = gateway.suspensions();
        Map<OrchestratorAddress, Set<String>> offered = new LinkedHashMap<>();
        List<AppRunner> candidates = new ArrayList<>();
        for (AppRunner runner : runners) {
            offered.computeIfAbsent(runner.orchestrator(), a -> new LinkedHashSet<>())
                    .add(runner.app() + (runner.version() == null ? "" : "@" + runner.version()) + " ("
                            + runner.mode().wireName() + ")");
            if (!query.app().equals(runner.app())) {
                continue;
            }
            String where = runner.orchestrator().authority();
            if (query.version() != null && !query.version().equals(runner.version())) {
                continue;
            }
            if (query.mode() != null && query.mode() != runner.mode()) {
                continue;
            }
            if (runner.price() != null && runner.price().paymentType() == null) {
                rejections.add(new Rejection(
                        where,
                        "runner " + runner.route() + " has a price unit the signer cannot pay: "
                                + runner.price().unit()));
                continue;
            }
            if (query.tooExpensive(runner)) {
                PriceExceededException refused = new PriceExceededException(
                        where,
                        query.describe(),
                        runner.price().price(),
                        query.maxPrice(),
                        RunnerPrice.unitName(runner.price().unit()),
                        "maxPrice");
                priceRefusals.add(refused);
                rejections.add(new Rejection(where, refused.getMessage()));
                continue;
            }
            var suspended = suspensions.current(runner.orchestrator());
            if (suspended.isPresent()) {
                rejections.add(new Rejection(
                        where, "suspended after a failure: " + suspended.get().reason()));
                continue;
            }
            candidates.add(runner);
        }
        if (candidates.isEmpty() && rejections.isEmpty()) {
            offered.forEach((address, apps) -> rejections.add(new Rejection(
                    address.authority(), "offers no matching runner (offers " + String.join(", ", apps) + ")")));
        }
        candidates.sort(ORDER);
        return candidates;
    }

    private <T> CompletableFuture<T> attempt(
            AppQuery query,
            List<AppRunner> candidates,
            int index,
            int tried,
            List<Rejection> rejections,
            List<PriceExceededException> priceRefusals,
            List<Throwable> failures,
            Function<AppRunner, CompletableFuture<T>> attempt) {
        if (index >= candidates.size() || tried >= settings.maxAttempts()) {
            return CompletableFuture.failedFuture(noRunner(query, rejections, priceRefusals, failures));
        }
        AppRunner runner = candidates.get(index);
        CompletableFuture<T> result;
        try {
            result = attempt.apply(runner);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((ok, error) -> {
                    if (error == null) {
                        gateway.suspensions().succeeded(runner.orchestrator());
                    }
                })
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    if (stopsEverything(cause)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    String where = runner.orchestrator().authority();
                    if (cause instanceof PriceExceededException price) {
                        priceRefusals.add(price);
                    } else {
                        failures.add(cause);
                        if (suspends(cause)) {
                            gateway.reportFailure(runner.orchestrator(), cause.getMessage());
                        }
                    }
                    rejections.add(new Rejection(where, cause.getMessage()));
                    LOG.info(
                            "{} on {} failed: {}; trying the next runner", query.describe(), where, cause.getMessage());
                    return attempt(
                            query, candidates, index + 1, tried + 1, rejections, priceRefusals, failures, attempt);
                });
    }

    /** Failures no other runner would avoid: bad input, a signer that refuses every payment. */
    private static boolean stopsEverything(Throwable cause) {
        if (cause instanceof ConfigurationException) {
            return true;
        }
        if (cause instanceof SignerException signer && !(cause instanceof PriceExceededException)) {
            return !signer.isRetryable();
        }
        return !(cause instanceof LivepeerException);
    }

    /** Unreachable, overloaded or failing orchestrators are avoided for a while; a refusal of this request is not. */
    private static boolean suspends(Throwable cause) {
        return cause instanceof OrchestratorException failed && (failed.status() == 0 || failed.status() >= 500);
    }

    private static LivepeerException noRunner(
            AppQuery query,
            List<Rejection> rejections,
            List<PriceExceededException> priceRefusals,
            List<Throwable> failures) {
        if (!priceRefusals.isEmpty() && rejections.size() == priceRefusals.size()) {
            PriceExceededException cheapest = priceRefusals.get(0);
            for (PriceExceededException refusal : priceRefusals) {
                if (refusal.price() != null
                        && cheapest.price() != null
                        && refusal.price().compareTo(cheapest.price()) < 0) {
                    cheapest = refusal;
                }
            }
            return cheapest;
        }
        List<Rejection> listed = rejections.isEmpty()
                ? List.of(new Rejection("discovery", "no orchestrator lists a runner for " + query.describe()))
                : rejections;
        NoOrchestratorAvailableException none = new NoOrchestratorAvailableException(query.describe(), listed);
        failures.forEach(none::addSuppressed);
        return none;
    }

    private static byte[] readQuietly(StreamingResponse response) {
        try (response) {
            return response.body().readNBytes(4096);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
