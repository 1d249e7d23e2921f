package org.livepeer.camel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
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
 * orchestrator, signer and trickle connection) and one gateway per distinct network setting,
 * created when first needed and closed when the component stops.
 */
@Component("livepeer")
public class LivepeerComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LivepeerComponent.class);
    private static final int MAX_GATEWAYS = 64;

    @Metadata(description = "Options shared by every endpoint of this component (endpoints may override them).")
    private LivepeerConfiguration configuration = new LivepeerConfiguration();

    @Metadata(
            label = "advanced",
            autowired = true,
            description = "A custom orchestrator selection strategy (for example routing per tenant).")
    private SelectionStrategy selectionStrategy;

    private NettyTransport transport;
    private static final boolean MICROMETER = isPresent("io.micrometer.core.instrument.MeterRegistry");

    private final LiveSessions liveSessions = new LiveSessions();
    private final Map<String, Runnable> metrics = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<NetworkSettings, LivepeerGateway> gateways = new LinkedHashMap<>(16, 0.75f, true);

    @Override
    public void setCamelContext(org.apache.camel.CamelContext context) {
        super.setCamelContext(context);
        if (context != null) {
            tellCamelOurSecrets(context);
        }
    }

    /**
     * Camel masks option values whose names contain a sensitive keyword (its own list plus the
     * context's additional keywords) in its start-up summary and in the URIs it prints when an
     * endpoint fails to resolve; {@code signerHeaders} and {@code discoveryHeaders} are not on its list.
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

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Pipeline.parse("pipeline", remaining);
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

    /** The gateway for {@code settings}, shared by every endpoint with equal settings. */
    synchronized LivepeerGateway gateway(NetworkSettings settings) {
        LivepeerGateway gateway = gateways.get(settings);
        if (gateway == null) {
            if (transport == null) {
                transport = NettyTransport.create();
            }
            LivepeerGateway.Builder builder = LivepeerGateway.builder(settings.toGatewayConfig(getCamelContext()))
                    .transport(transport);
            if (selectionStrategy != null) {
                builder.strategy(selectionStrategy);
            }
            gateway = builder.build();
            gateways.put(settings, gateway);
            LOG.info("livepeer gateway started: {}", settings);
            if (gateways.size() > MAX_GATEWAYS) {
                var eldest = gateways.entrySet().iterator().next();
                gateways.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return gateway;
    }

    /** The live session {@code name} for {@code endpoint}, started on first use. */
    CompletableFuture<LiveVideoJob> acquireLiveSession(
            String name, LivepeerEndpoint endpoint, NetworkSettings network) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        LiveJobRequest request = LiveJobRequest.of(config.getModelId())
                .withParams(RequestBodies.parseJson("params", config.getParams()))
                .withIds(name, null);
        LiveJobSettings settings = liveJobSettings(config);
        return liveSessions.acquire(name, () -> LiveVideoJob.start(gateway(network), request, settings)
                .thenApply(job -> {
                    bindMetrics(name, job);
                    return job;
                }));
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
        liveSessions.release(name, () -> unbindMetrics(name));
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
        liveSessions.closeAll();
        metrics.values().forEach(Runnable::run);
        metrics.clear();
        for (LivepeerGateway gateway : gateways.values()) {
            gateway.close();
        }
        gateways.clear();
        if (transport != null) {
            transport.close();
            transport = null;
        }
        super.doStop();
    }
}
