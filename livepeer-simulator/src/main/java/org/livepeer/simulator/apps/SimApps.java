package org.livepeer.simulator.apps;

import io.netty.channel.EventLoopGroup;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.orchestrator.AppPayments;
import org.livepeer.simulator.trickle.TrickleServer;

/**
 * An orchestrator's live runner apps and Scope: the runner registry, the {@code /discovery},
 * {@code /apps/...}, {@code /runner/...} and {@code /scope} routes, and what tests read and change.
 */
public final class SimApps implements AutoCloseable {

    static final String TRICKLE_PATH = "/ai/trickle/";

    private final AppPayments payments;
    private final TrickleServer trickle;
    private final EventLoopGroup group;
    private final Map<String, Runner> runners = new LinkedHashMap<>();
    private final List<RunnerApp> embeddedApps = new ArrayList<>();
    private final AtomicLong sessionsReserved = new AtomicLong();
    /** Payment counts of released sessions, so tests can read them afterwards. */
    private final Map<String, Long> paymentsOfClosed = new ConcurrentHashMap<>();

    private final Scope scope;
    private final AppsDiscovery discovery;

    /** Registers the routes on {@code router}; embedded runner apps start with {@link #start()}. */
    public SimApps(AppPayments payments, TrickleServer trickle, EventLoopGroup group, Router router) {
        this.payments = payments;
        this.trickle = trickle;
        this.group = group;
        this.scope = new Scope(payments, trickle, group);
        for (RunnerConfig config : payments.config().runners()) {
            if (runners.containsKey(config.route())) {
                throw new IllegalArgumentException("runner route " + config.route() + " is configured twice");
            }
            runners.put(config.route(), null);
        }
        Reservations reservations = new Reservations(this, payments, group);
        this.discovery = new AppsDiscovery(this, payments);
        router.exact("GET", "/discovery", discovery.handler());
        router.exact("POST", "/scope", HttpHandler.buffered(1 << 20, scope::start));
        router.prefix(null, "/apps/", new AppsRoutes(this, reservations, payments));
        router.prefix(null, "/runner/", new RunnerCallbacks(this));
    }

    /** Starts an embedded {@link RunnerApp} for each runner configured without a URL. */
    public synchronized SimApps start() {
        for (RunnerConfig config : payments.config().runners()) {
            if (runners.get(config.route()) != null) {
                continue;
            }
            String url = config.url();
            if (url == null) {
                RunnerApp app = new RunnerApp(payments.config().host(), group).start();
                embeddedApps.add(app);
                url = app.url();
            }
            runners.put(config.route(), new Runner(config, url, trickle));
        }
        return this;
    }

    /** Releases every session and Scope session, and stops the embedded apps (a restart starts new ones). */
    @Override
    public synchronized void close() {
        for (Runner runner : runners.values()) {
            if (runner != null) {
                releaseAll(runner, "orchestrator stopped");
            }
        }
        runners.replaceAll((route, runner) -> null);
        embeddedApps.forEach(RunnerApp::close);
        embeddedApps.clear();
        scope.closeAll("orchestrator stopped");
    }

    /**
     * The ready runners as {@code GET /discovery} lists them (url, app, version, metadata, mode,
     * capacity, capacity_used, capacity_available, price_info on-chain).
     */
    public List<Map<String, Object>> discoveryRunners() {
        return discovery.records();
    }

    // --- for tests ---

    /** The routes of the configured runners. */
    public synchronized List<String> routes() {
        return List.copyOf(runners.keySet());
    }

    /** Sessions reserved now on the runner {@code route} (single-shot requests in flight count). */
    public int activeSessions(String route) {
        return requireRunner(route).used();
    }

    /** Sessions (and single-shot requests) reserved since the orchestrator started, over all runners. */
    public long sessionsReserved() {
        return sessionsReserved.get();
    }

    /** What the session's payments credited, less what was debited, in wei (rounded down). */
    public BigInteger balance(String sessionId) {
        var balance = payments.balance(sessionId);
        return floor(balance.numerator(), balance.denominator());
    }

    /** What was debited from the session, in wei (rounded down). */
    public BigInteger debited(String sessionId) {
        var debited = payments.debited(sessionId);
        return floor(debited.numerator(), debited.denominator());
    }

    /** Payments accepted for a runner session: the reserving one and every follow-up payment. */
    public long paymentsAccepted(String sessionId) {
        for (Runner runner : runnersNow()) {
            AppSession session = runner.session(sessionId);
            if (session != null) {
                return session.paymentsAccepted();
            }
        }
        return paymentsOfClosed.getOrDefault(sessionId, 0L);
    }

    /** The manifest ids of the Scope sessions running now. */
    public List<String> scopeSessions() {
        return scope.sessionIds();
    }

    /** Changes how many sessions the runner {@code route} accepts from now on. */
    public void setCapacity(String route, int capacity) {
        requireRunner(route).setCapacity(capacity);
    }

    /** Marks the runner unhealthy (hidden from discovery, 404 on reservations) or healthy again. */
    public void setReady(String route, boolean ready) {
        Runner runner = requireRunner(route);
        runner.setReady(ready);
        if (!ready) {
            releaseAll(runner, "runner unhealthy");
        }
    }

    /** Changes how many Scope sessions may run at once. */
    public void setScopeCapacity(int capacity) {
        scope.setCapacity(capacity);
    }

    /** The base URL of the app behind {@code route} (the embedded {@link RunnerApp}, or the configured URL). */
    public String runnerUrl(String route) {
        return requireRunner(route).url();
    }

    /** Session ids reserved now on {@code route}. */
    public List<String> sessionIds(String route) {
        return requireRunner(route).sessions().stream().map(AppSession::id).toList();
    }

    /** Trickle channel names the runner created for the session, by the names it asked for. */
    public Map<String, String> sessionChannels(String sessionId) {
        for (Runner runner : runnersNow()) {
            AppSession session = runner.session(sessionId);
            if (session != null) {
                return Map.copyOf(session.channels());
            }
        }
        return Map.of();
    }

    // --- for the handlers ---

    synchronized Optional<Runner> runner(String route) {
        return Optional.ofNullable(runners.get(route));
    }

    synchronized List<Runner> runnersNow() {
        return runners.values().stream().filter(r -> r != null).toList();
    }

    boolean hasRunners() {
        return !payments.config().runners().isEmpty();
    }

    void reserved() {
        sessionsReserved.incrementAndGet();
    }

    /** Releases a session, remembering its payment count for {@link #paymentsAccepted}. */
    boolean release(Runner runner, String sessionId, String reason) {
        AppSession session = runner.session(sessionId);
        if (session != null) {
            paymentsOfClosed.put(sessionId, session.paymentsAccepted());
        }
        return runner.release(sessionId, reason);
    }

    String serviceUrl() {
        return payments.serviceUrl();
    }

    private void releaseAll(Runner runner, String reason) {
        for (AppSession session : runner.sessions()) {
            release(runner, session.id(), reason);
        }
    }

    TrickleServer trickle() {
        return trickle;
    }

    private Runner requireRunner(String route) {
        return runner(route).orElseThrow(() -> new IllegalArgumentException("no running runner with route " + route));
    }

    private static BigInteger floor(BigInteger numerator, BigInteger denominator) {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
