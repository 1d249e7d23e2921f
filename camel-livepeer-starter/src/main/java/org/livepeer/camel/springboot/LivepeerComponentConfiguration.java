package org.livepeer.camel.springboot;

import java.time.Duration;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.livepeer.camel.LiveChannel;
import org.livepeer.camel.LivepeerConfiguration;
import org.livepeer.camel.OutputType;
import org.livepeer.camel.SegmentBody;
import org.livepeer.gateway.selection.SelectionStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code livepeer:} component's options as Spring Boot properties, {@code
 * camel.component.livepeer.*}. Endpoints inherit them unless they set their own. The javadoc of each
 * field becomes its description in the generated configuration metadata (IDE completion).
 */
@ConfigurationProperties(prefix = "camel.component.livepeer")
public class LivepeerComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /** The model to run, e.g. ByteDance/SDXL-Lightning. */
    private String modelId;

    /**
     * Remote signer base URL; several URLs, comma-separated, fail over to each other. Without a signer
     * the gateway runs offchain.
     */
    private String signerUrl;

    /** Headers sent on every signer call, as 'Name: value' pairs separated by commas. A secret. */
    private String signerHeaders;

    /**
     * Orchestrators to use, comma-separated: host:port or https://host:port (an IPv6 host in square
     * brackets). Takes precedence over discovery.
     */
    private String orchestrators;

    /** An orchestrator discovery endpoint (a URL answering a JSON list). */
    private String discoveryUrl;

    /** Headers sent to the discovery endpoint, as 'Name: value' pairs separated by commas. A secret. */
    private String discoveryHeaders;

    /**
     * A gateway token: base64 JSON with orchestrators, signer, signer_headers, discovery and
     * discovery_headers. Its values take precedence over the options above. A secret.
     */
    private String token;

    /** Highest acceptable price in wei per unit (pixel); orchestrators above it are not used. */
    private String maxPrice;

    /**
     * TLS settings for the signer and the discovery endpoint (the JVM's trust store by default).
     * Orchestrators are trusted on first use.
     */
    private SSLContextParameters sslContextParameters;

    /** Default request fields as a JSON object, merged under the body and the CamelLivepeerFields header. */
    private String fields;

    /**
     * What a batch producer's body becomes: the typed response, or the bytes of the first image, audio
     * or video of the result.
     */
    private OutputType outputType = OutputType.RESPONSE;

    /** llm only: stream the answer; the body is an Iterator of chunks delivered as tokens arrive. */
    private Boolean stream = false;

    /** How many orchestrators a request may try when failures are retryable. */
    private Integer maxAttempts = 3;

    /** How long one orchestrator probe may take during selection. */
    private Duration probeTimeout = Duration.ofSeconds(3);

    /** How long an orchestrator may take to answer a request. */
    private Duration requestTimeout = Duration.ofSeconds(60);

    /** live-video-to-video and app: the name of the live or app session endpoints use unless they name their own. */
    private String session;

    /** app: only runners of this exact version (any version when unset). */
    private String version;

    /** app: the path under the app to call (it may end with a query string). */
    private String path = "/";

    /** app: the HTTP method (GET when the body is empty, POST otherwise, unless set). */
    private String method;

    /** live-video-to-video: which channel endpoints use unless they name their own. */
    private LiveChannel channel = LiveChannel.MEDIA;

    /** live-video-to-video: the session's initial parameters, as JSON. */
    private String params;

    /** live-video-to-video consumers: each output segment's body as a byte array or as an InputStream. */
    private SegmentBody segmentBody = SegmentBody.BYTES;

    /** live-video-to-video: how often a session pays the orchestrator. */
    private Duration paymentInterval = Duration.ofSeconds(5);

    /**
     * Start producers on their first message instead of with their route, so a route whose producer
     * cannot start (no network configured, for example) still starts and the first exchange fails.
     */
    private Boolean lazyStartProducer = false;

    /** Route exceptions a live consumer meets to the route's error handler instead of logging them. */
    private Boolean bridgeErrorHandler = false;

    /** Whether options marked autowired (the selection strategy) are looked up in the registry. */
    private Boolean autowiredEnabled = true;

    /** A custom orchestrator selection strategy (for example routing per tenant); a bean reference. */
    private SelectionStrategy selectionStrategy;

    /** A whole LivepeerConfiguration to start from; a bean reference. */
    private LivepeerConfiguration configuration;

    /** An application name sent with every payment request to the remote signer, which records it. */
    private String app;

    /** How many gateways (one per distinct network settings, e.g. per tenant's signer headers) the component keeps at once; an exchange that would need one more fails naming this option. */
    private Integer maxGateways = 64;

    /** Whether the live consumers' health checks are registered. */
    private Boolean healthCheckConsumerEnabled = true;

    /** Whether the component's readiness check (signer reachable, an orchestrator available) is registered. */
    private Boolean healthCheckProducerEnabled = true;

    /** live-video-to-video: how long a sent input segment may wait for the orchestrator's answer before the session moves to another orchestrator. */
    private Duration inputSegmentTimeout = Duration.ofSeconds(5);

    /** live-video-to-video: how long the output may stay silent while input flows and a consumer waits, before the session moves to another orchestrator. */
    private Duration outputStallTimeout = Duration.ofSeconds(30);

    /** live-video-to-video: input segments the orchestrator may leave unanswered at once. */
    private Integer maxInflightSegments = 3;

    /** live-video-to-video: moves to another orchestrator allowed in a run of moves each less than recoveryWindow after the previous one. */
    private Integer maxRecoveries = 2;

    /** live-video-to-video: the window of maxRecoveries. */
    private Duration recoveryWindow = Duration.ofMinutes(3);

    /** live-video-to-video: where output and events start: live (seq -1), current (seq -2) or a seq number. */
    private String subscribeStart = "live";

    /** live-video-to-video: what the output does when its consumer falls behind: deliverAll or skipToLatest. */
    private String lagPolicy = "deliverAll";

    /** live-video-to-video with lagPolicy=skipToLatest: newer segments tolerated before skipping. */
    private Integer maxLagSegments = 2;

    public String getModelId() {
        return modelId;
    }

    public void setModelId(String modelId) {
        this.modelId = modelId;
    }

    public String getSignerUrl() {
        return signerUrl;
    }

    public void setSignerUrl(String signerUrl) {
        this.signerUrl = signerUrl;
    }

    public String getSignerHeaders() {
        return signerHeaders;
    }

    public void setSignerHeaders(String signerHeaders) {
        this.signerHeaders = signerHeaders;
    }

    public String getOrchestrators() {
        return orchestrators;
    }

    public void setOrchestrators(String orchestrators) {
        this.orchestrators = orchestrators;
    }

    public String getDiscoveryUrl() {
        return discoveryUrl;
    }

    public void setDiscoveryUrl(String discoveryUrl) {
        this.discoveryUrl = discoveryUrl;
    }

    public String getDiscoveryHeaders() {
        return discoveryHeaders;
    }

    public void setDiscoveryHeaders(String discoveryHeaders) {
        this.discoveryHeaders = discoveryHeaders;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getMaxPrice() {
        return maxPrice;
    }

    public void setMaxPrice(String maxPrice) {
        this.maxPrice = maxPrice;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public OutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(OutputType outputType) {
        this.outputType = outputType;
    }

    public Boolean getStream() {
        return stream;
    }

    public void setStream(Boolean stream) {
        this.stream = stream;
    }

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getProbeTimeout() {
        return probeTimeout;
    }

    public void setProbeTimeout(Duration probeTimeout) {
        this.probeTimeout = probeTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getSession() {
        return session;
    }

    public void setSession(String session) {
        this.session = session;
    }

    public LiveChannel getChannel() {
        return channel;
    }

    public void setChannel(LiveChannel channel) {
        this.channel = channel;
    }

    public String getParams() {
        return params;
    }

    public void setParams(String params) {
        this.params = params;
    }

    public SegmentBody getSegmentBody() {
        return segmentBody;
    }

    public void setSegmentBody(SegmentBody segmentBody) {
        this.segmentBody = segmentBody;
    }

    public Duration getPaymentInterval() {
        return paymentInterval;
    }

    public void setPaymentInterval(Duration paymentInterval) {
        this.paymentInterval = paymentInterval;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public SelectionStrategy getSelectionStrategy() {
        return selectionStrategy;
    }

    public void setSelectionStrategy(SelectionStrategy selectionStrategy) {
        this.selectionStrategy = selectionStrategy;
    }

    public LivepeerConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LivepeerConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public Integer getMaxGateways() {
        return maxGateways;
    }

    public void setMaxGateways(Integer maxGateways) {
        this.maxGateways = maxGateways;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Duration getInputSegmentTimeout() {
        return inputSegmentTimeout;
    }

    public void setInputSegmentTimeout(Duration inputSegmentTimeout) {
        this.inputSegmentTimeout = inputSegmentTimeout;
    }

    public Duration getOutputStallTimeout() {
        return outputStallTimeout;
    }

    public void setOutputStallTimeout(Duration outputStallTimeout) {
        this.outputStallTimeout = outputStallTimeout;
    }

    public Integer getMaxInflightSegments() {
        return maxInflightSegments;
    }

    public void setMaxInflightSegments(Integer maxInflightSegments) {
        this.maxInflightSegments = maxInflightSegments;
    }

    public Integer getMaxRecoveries() {
        return maxRecoveries;
    }

    public void setMaxRecoveries(Integer maxRecoveries) {
        this.maxRecoveries = maxRecoveries;
    }

    public Duration getRecoveryWindow() {
        return recoveryWindow;
    }

    public void setRecoveryWindow(Duration recoveryWindow) {
        this.recoveryWindow = recoveryWindow;
    }

    public String getSubscribeStart() {
        return subscribeStart;
    }

    public void setSubscribeStart(String subscribeStart) {
        this.subscribeStart = subscribeStart;
    }

    public String getLagPolicy() {
        return lagPolicy;
    }

    public void setLagPolicy(String lagPolicy) {
        this.lagPolicy = lagPolicy;
    }

    public Integer getMaxLagSegments() {
        return maxLagSegments;
    }

    public void setMaxLagSegments(Integer maxLagSegments) {
        this.maxLagSegments = maxLagSegments;
    }
}
