package org.livepeer.camel;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayHealth;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.apps.AppQuery;
import org.livepeer.gateway.apps.AppSession;
import org.livepeer.gateway.apps.AppSettings;
import org.livepeer.gateway.apps.LiveApps;
import org.livepeer.gateway.apps.ScopeRequest;
import org.livepeer.gateway.apps.ScopeSession;
import org.livepeer.gateway.live.LiveJobRequest;
import org.livepeer.gateway.live.LiveJobSettings;
import org.livepeer.gateway.live.LiveJobStats;
import org.livepeer.gateway.live.LiveVideoJob;
import org.livepeer.gateway.selection.SelectionStrategy;
import org.livepeer.http.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code livepeer:} component. It owns one Netty transport (one event loop for every
 * orchestrator, signer and trickle connection), the thread pools its producers need (from Camel's
 * {@code ExecutorServiceManager}) and up to {@code maxGateways} gateways, one per distinct network
 * setting, each counted while requests and live sessions use it. It registers a readiness check
 * and shows its gateways, sessions and request totals over JMX and in the {@code livepeer} dev
 * console.
 */
@Component("livepeer")
@ManagedResource(description = "Livepeer gateways, live sessions and request totals")
public class LivepeerComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LivepeerComponent.class);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

    @Metadata(description = "Options shared by every endpoint of this component (endpoints may override them).")
    private LivepeerConfiguration configuration = new LivepeerConfiguration();

    @Metadata(
            label = "advanced",
            autowired = true,
            description = "A custom orchestrator selection strategy (for example routing per tenant).")
    private SelectionStrategy selectionStrategy;

    @Metadata(
            label = "advanced",
            defaultValue = "64",
            description = "How many gateways (one per distinct network setting, such as a tenant's signer headers"
                    + " given per exchange) may exist at once. The least recently used idle one is closed to make"
                    + " room; when all are in use, an exchange that needs another fails.")
    private int maxGateways = 64;

    private final Object transportLock = new Object();
    private NettyTransport transport;
    private GatewayPool<NetworkSettings, LivepeerGateway> gateways;
    /** Closes evicted gateways, so that no routing thread waits for their channels to close. */
    private ExecutorService gatewayCloser;
    /** Reads upload streams (InputStream bodies) for every batch producer; the reads block. */
    private ExecutorService uploadReads;

    private static final boolean MICROMETER = isPresent("io.micrometer.core.instrument.MeterRegistry");

    private final LiveSessions liveSessions = new LiveSessions();
    private final SharedSessions<AppSession> appSessions = new SharedSessions<>("app session", AppSession::stop);
    private final SharedSessions<ScopeSession> scopeSessions =
            new SharedSessions<>("Scope session", ScopeSession::closeAsync);
    private final Map<String, Runnable> metrics = new ConcurrentHashMap<>();
    private final Map<String, GatewayPool.Lease<LivepeerGateway>> sessionGateways = new ConcurrentHashMap<>();
    private final Map<Object, ReadinessTarget> readinessTargets = new ConcurrentHashMap<>();
    private final RequestTotals totals = new RequestTotals();
    private LivepeerReadinessCheck readinessCheck;

    @Override
    public void setCamelContext(org.apache.camel.CamelContext context) {
        super.setCamelContext(context);
        if (context != null) {
            tellCamelOurSecrets(context);
        }
    }

    /**
     * Camel masks option values whose names contain a sensitive keyword (its own list plus the
     * context's additional keywords) in its start-up summary and in the URIs it prints; {@code
     * signerHeaders} and {@code discoveryHeaders} are not on its list. In a URI it masks only the
     * first additional keyword, hence {@link UnresolvedEndpointException} for URIs that fail here.
     */
    private static void tellCamelOurSecrets(org.apache.camel.CamelContext context) {
        org.apache.camel.ExtendedCamelContext extension = context.getCamelContextExtension();
        String current = extension.getAdditionalSensitiveKeywords();
        java.util.Set<String> keywords = new java.util.LinkedHashSet<>();
        if (current != null && !current.isBlank()) {
            for (String keyword : current.split(",")) {
                keywords.add(keyword.trim());
            }
        }
        boolean added = false;
        for (String keyword : SecretParameters.SENSITIVE_KEYWORDS.split(",")) {
            added |= keywords.add(keyword);
        }
        if (added) {
            extension.setAdditionalSensitiveKeywords(String.join(",", keywords));
        }
    }

    /** Fails with {@link UnresolvedEndpointException}, which shows no secret of {@code uri}. */
    @Override
    public Endpoint createEndpoint(String uri) throws Exception {
        try {
            return super.createEndpoint(uri);
        } catch (Exception e) {
            throw new UnresolvedEndpointException(uri, e);
        }
    }

    @Override
    public Endpoint createEndpoint(String uri, Map<String, Object> properties) throws Exception {
        try {
            return super.createEndpoint(uri, properties);
        } catch (Exception e) {
            throw new UnresolvedEndpointException(uri, e);
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!LivepeerEndpoint.APP.equals(remaining) && !LivepeerEndpoint.SCOPE.equals(remaining)) {
            Pipeline.parse("pipeline", remaining);
        }
        LivepeerEndpoint endpoint =
                new LivepeerEndpoint(SecretParameters.mask(uri), this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public LivepeerConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LivepeerConfiguration configuration) {
        this.configuration = configuration;
    }

    public SelectionStrategy getSelectionStrategy() {
        return selectionStrategy;
    }

    public void setSelectionStrategy(SelectionStrategy selectionStrategy) {
        this.selectionStrategy = selectionStrategy;
    }

    public int getMaxGateways() {
        return maxGateways;
    }

    public void setMaxGateways(int maxGateways) {
        this.maxGateways = maxGateways;
    }

    /**
     * The gateway for {@code settings}, shared by every endpoint with equal settings; close the
     * lease when the request or session that uses it is over.
     */
    GatewayPool.Lease<LivepeerGateway> gateway(NetworkSettings settings) {
        GatewayPool<NetworkSettings, LivepeerGateway> pool = gateways;
        if (pool == null) {
            throw new IllegalStateException("the livepeer component is not started");
        }
        return pool.acquire(settings);
    }

    private LivepeerGateway newGateway(NetworkSettings settings) {
        NettyTransport transport;
        synchronized (transportLock) {
            if (this.transport == null) {
                this.transport = NettyTransport.create();
            }
            transport = this.transport;
        }
        LivepeerGateway.Builder builder = LivepeerGateway.builder(settings.toGatewayConfig(getCamelContext()))
                .transport(transport);
        if (selectionStrategy != null) {
            builder.strategy(selectionStrategy);
        }
        LOG.info("livepeer gateway started: {}", settings);
        return builder.build();
    }

    /** Records what {@code owner} (a started producer or consumer) needs, for the readiness check. */
    void watchReadiness(Object owner, LivepeerEndpoint endpoint) {
        readinessTargets.put(
                owner,
                new ReadinessTarget(
                        endpoint.networkSettings(),
                        endpoint.pipeline(),
                        endpoint.getConfiguration().getModelId()));
    }

    void unwatchReadiness(Object owner) {
        readinessTargets.remove(owner);
    }

    /** The distinct targets of the started producers and consumers. */
    List<ReadinessTarget> readinessTargets() {
        return List.copyOf(new LinkedHashSet<>(readinessTargets.values()));
    }

    /** Checks one target now, waiting at most {@link #HEALTH_TIMEOUT}. */
    GatewayHealth health(ReadinessTarget target) {
        try (GatewayPool.Lease<LivepeerGateway> gateway = gateway(target.network())) {
            return gateway.value()
                    .health(target.pipeline(), target.model())
                    .get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new GatewayHealth(null, "no answer within " + HEALTH_TIMEOUT.toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GatewayHealth(null, "interrupted", null);
        } catch (ExecutionException | RuntimeException e) {
            return new GatewayHealth(
                    null, org.livepeer.gateway.Failures.unwrap(e).getMessage(), null);
        }
    }

    /** Where producers report each request. */
    RequestMetrics requestMetrics() {
        return totals;
    }

    @ManagedAttribute(description = "Names of the running live sessions")
    public List<String> getLiveSessionNames() {
        return liveSessions.names();
    }

    @ManagedAttribute(description = "How many live sessions are running or starting")
    public int getLiveSessionCount() {
        return liveSessions.names().size();
    }

    @ManagedAttribute(description = "How many gateways exist (one per distinct network setting)")
    public int getGatewayCount() {
        GatewayPool<NetworkSettings, LivepeerGateway> pool = gateways;
        return pool == null ? 0 : pool.size();
    }

    @ManagedAttribute(description = "How many gateways a request or live session is using now")
    public int getGatewaysInUse() {
        GatewayPool<NetworkSettings, LivepeerGateway> pool = gateways;
        return pool == null ? 0 : pool.inUse();
    }

    @ManagedAttribute(description = "Batch requests finished (succeeded or failed)")
    public long getBatchRequests() {
        return totals.batchRequests();
    }

    @ManagedAttribute(description = "Batch requests that failed")
    public long getBatchFailures() {
        return totals.batchFailures();
    }

    @ManagedAttribute(description = "Live segments and control messages handed to sessions (or failed)")
    public long getLiveMessages() {
        return totals.liveMessages();
    }

    @ManagedAttribute(description = "Live segments and control messages that failed")
    public long getLiveFailures() {
        return totals.liveFailures();
    }

    @ManagedOperation(description = "The statistics of a running live session, or a note that it is not running")
    public String liveSessionStatistics(String name) {
        return liveSessionStats(name).map(LiveJobStats::toString).orElse("no running live session " + name);
    }

    /** The pool batch clients read upload streams on (created when the component starts). */
    Executor uploadReads() {
        ExecutorService pool = uploadReads;
        if (pool == null) {
            throw new IllegalStateException("the livepeer component is not started");
        }
        return pool;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        uploadReads = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "LivepeerUploadReads");
        gatewayCloser =
                getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "LivepeerGatewayCloser");
        gateways = new GatewayPool<>(maxGateways, "maxGateways", this::newGateway, gatewayCloser);
        totals.meters(MICROMETER ? MicrometerRequestMetrics.of(getCamelContext()) : RequestMetrics.NONE);
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null && isHealthCheckProducerEnabled()) {
            readinessCheck = new LivepeerReadinessCheck(this);
            readinessCheck.setCamelContext(getCamelContext());
            health.register(readinessCheck);
        }
    }

    /** The live session {@code name} for {@code endpoint}, started on first use. */
    CompletableFuture<LiveVideoJob> acquireLiveSession(
            String name, LivepeerEndpoint endpoint, NetworkSettings network) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        LiveJobRequest request = LiveJobRequest.of(config.getModelId())
                .withParams(RequestBodies.parseJson("params", config.getParams()))
                .withIds(name, null);
        LiveJobSettings settings = liveJobSettings(config);
        return liveSessions.acquire(name, () -> {
            GatewayPool.Lease<LivepeerGateway> gateway = gateway(network);
            return LiveVideoJob.start(gateway.value(), request, settings)
                    .whenComplete((job, error) -> {
                        if (error == null) {
                            sessionGateways.put(name, gateway);
                        } else {
                            gateway.close();
                        }
                    })
                    .thenApply(job -> {
                        bindMetrics(name, job);
                        return job;
                    });
        });
    }

    /** The live session settings of an endpoint; a bad value fails naming its option. */
    static LiveJobSettings liveJobSettings(LivepeerConfiguration config) {
        try {
            return LiveJobSettings.defaults()
                    .withPaymentInterval(Duration.ofMillis(config.getPaymentInterval()))
                    .withInputSegmentTimeout(Duration.ofMillis(config.getInputSegmentTimeout()))
                    .withOutputStallTimeout(Duration.ofMillis(config.getOutputStallTimeout()))
                    .withMaxInflightSegments(config.getMaxInflightSegments())
                    .withRecoveryLimit(config.getMaxRecoveries(), Duration.ofMillis(config.getRecoveryWindow()))
                    .withSubscribeStart(LiveOptions.subscribeStart(config.getSubscribeStart()))
                    .withLagPolicy(LiveOptions.lagPolicy(config.getLagPolicy()), config.getMaxLagSegments())
                    .withRequestTimeout(liveStartTimeout(config));
        } catch (IllegalArgumentException e) {
            // the settings name the offending option first: "<option> must be ..."
            String[] parts = String.valueOf(e.getMessage()).split(" ", 2);
            throw new ConfigurationException(parts[0], parts.length > 1 ? parts[1] : e.getMessage());
        }
    }

    /** A request timeout the user chose applies to the live start too; otherwise go-livepeer's 5 s. */
    private static Duration liveStartTimeout(LivepeerConfiguration config) {
        return config.getRequestTimeout() != LivepeerConfiguration.DEFAULT_REQUEST_TIMEOUT
                ? Duration.ofMillis(config.getRequestTimeout())
                : LiveJobSettings.DEFAULT_START_TIMEOUT;
    }

    void releaseLiveSession(String name) {
        liveSessions.release(name, () -> {
            unbindMetrics(name);
            GatewayPool.Lease<LivepeerGateway> gateway = sessionGateways.remove(name);
            if (gateway != null) {
                gateway.close();
            }
        });
    }

    /**
     * The persistent app session {@code name} for {@code endpoint}, opened on first use on the
     * endpoint's network; stopped when its last endpoint lets go of it.
     */
    CompletableFuture<AppSession> acquireAppSession(String name, LivepeerEndpoint endpoint, NetworkSettings network) {
        AppQuery query = AppEndpoints.query(endpoint, network);
        AppSettings settings = AppEndpoints.settings(endpoint.getConfiguration());
        return appSessions.acquire(name, () -> {
            GatewayPool.Lease<LivepeerGateway> gateway = gateway(network);
            CompletableFuture<AppSession> opened = new LiveApps(gateway.value(), settings)
                    .open(query)
                    .whenComplete((session, error) -> {
                        if (error != null) {
                            gateway.close();
                        }
                    });
            return new SharedSessions.Opening<>(opened, gateway::close);
        });
    }

    void releaseAppSession(String name) {
        appSessions.release(name);
    }

    /**
     * The Scope session {@code name} for {@code endpoint} ({@code livepeer:scope}), started on first
     * use with the endpoint's params; closed when its last endpoint lets go of it.
     */
    CompletableFuture<ScopeSession> acquireScopeSession(
            String name, LivepeerEndpoint endpoint, NetworkSettings network) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        ScopeRequest request = new ScopeRequest(RequestBodies.parseJson("params", config.getParams()), name);
        AppSettings settings = AppEndpoints.settings(config);
        return scopeSessions.acquire(name, () -> {
            GatewayPool.Lease<LivepeerGateway> gateway = gateway(network);
            CompletableFuture<ScopeSession> started = ScopeSession.start(gateway.value(), request, settings)
                    .whenComplete((session, error) -> {
                        if (error != null) {
                            gateway.close();
                        }
                    });
            return new SharedSessions.Opening<>(started, gateway::close);
        });
    }

    void releaseScopeSession(String name) {
        scopeSessions.release(name);
    }

    /** The statistics of a running live session (segments, bytes, payments, fees, recoveries). */
    public Optional<LiveJobStats> liveSessionStats(String name) {
        return liveSessions.running(name).map(LiveVideoJob::stats);
    }

    private void bindMetrics(String name, LiveVideoJob job) {
        if (!MICROMETER) {
            return;
        }
        Runnable unbind = LiveSessionMetrics.bind(getCamelContext(), name, job::stats);
        if (unbind != null) {
            metrics.put(name, unbind);
        }
    }

    private void unbindMetrics(String name) {
        Runnable unbind = metrics.remove(name);
        if (unbind != null) {
            unbind.run();
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, LivepeerComponent.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null && readinessCheck != null) {
            health.unregister(readinessCheck);
            readinessCheck = null;
        }
        liveSessions.closeAll();
        appSessions.closeAll();
        scopeSessions.closeAll();
        metrics.values().forEach(Runnable::run);
        metrics.clear();
        sessionGateways.clear();
        if (gateways != null) {
            gateways.closeAll();
            gateways = null;
        }
        if (gatewayCloser != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(gatewayCloser);
            gatewayCloser = null;
        }
        synchronized (transportLock) {
            if (transport != null) {
                transport.close();
                transport = null;
            }
        }
        if (uploadReads != null) {
            getCamelContext().getExecutorServiceManager().shutdown(uploadReads);
            uploadReads = null;
        }
        super.doStop();
    }
}
