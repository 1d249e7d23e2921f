package org.livepeer.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of a {@code livepeer:} endpoint. The network options (signer, orchestrators,
 * discovery, token, price ceiling, TLS) can be set once on the component and are inherited by
 * every endpoint that does not set them itself.
 */
@UriParams
public class LivepeerConfiguration implements Cloneable {

    /** The request timeout when none is configured; a live start then waits go-livepeer's 5 s instead. */
    static final long DEFAULT_REQUEST_TIMEOUT = 60000;

    @UriParam(label = "common", description = "The model to run, e.g. ByteDance/SDXL-Lightning.")
    private String modelId;

    @UriParam(
            label = "common",
            description = "Remote signer base URL; several URLs, comma-separated, fail over to each other."
                    + " Without a signer the gateway runs offchain.")
    private String signerUrl;

    @UriParam(
            label = "security",
            secret = true,
            description = "Headers sent on every signer call, as 'Name: value' pairs separated by commas"
                    + " (e.g. 'Authorization: Bearer xyz').")
    private String signerHeaders;

    @UriParam(
            label = "common",
            description =
                    "Orchestrators to use, comma-separated: host:port or https://host:port (an IPv6 host in square brackets)."
                            + " Takes precedence over discovery.")
    private String orchestrators;

    @UriParam(label = "common", description = "An orchestrator discovery endpoint (a URL answering a JSON list).")
    private String discoveryUrl;

    @UriParam(
            label = "security",
            secret = true,
            description = "Headers sent to the discovery endpoint, as 'Name: value' pairs separated by commas.")
    private String discoveryHeaders;

    @UriParam(
            label = "security",
            secret = true,
            description = "A gateway token: base64 JSON with orchestrators, signer, signer_headers, discovery and"
                    + " discovery_headers. Its values take precedence over the options above.")
    private String token;

    @UriParam(
            label = "common",
            description = "Highest acceptable price in wei per unit (pixel); orchestrators above it are not used."
                    + " For livepeer:app, wei per the runner's unit (second, call or 720p pixel-second); nothing"
                    + " is paid to a runner above it.")
    private String maxPrice;

    @UriParam(
            label = "common",
            description = "Application name sent to the remote signer with every payment request (its"
                    + " app field); the signer records it in the payment state. For livepeer:app, the runner"
                    + " app to call (e.g. echo/v1), which the signer records too.")
    private String app;

    @UriParam(
            label = "security",
            description = "TLS settings for the signer and the discovery endpoint (the JVM's"
                    + " trust store by default). Orchestrators are trusted on first use.")
    private SSLContextParameters sslContextParameters;

    @UriParam(
            label = "producer",
            description = "Default request fields as a JSON object (for example the width and height of an image),"
                    + " merged under the body and the CamelLivepeerFields header.")
    private String fields;

    @UriParam(
            label = "producer",
            defaultValue = "response",
            enums = "response,bytes",
            description = "What the body becomes: the typed response, or the bytes of the first image, audio or"
                    + " video of the result.")
    private OutputType outputType = OutputType.RESPONSE;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "llm only: stream the answer; the body is an Iterator of chunks delivered as tokens arrive.")
    private boolean stream;

    @UriParam(
            label = "producer",
            defaultValue = "3",
            description = "How many orchestrators a request may try when failures are retryable.")
    private int maxAttempts = 3;

    @UriParam(
            label = "advanced",
            defaultValue = "3000",
            javaType = "java.time.Duration",
            description = "How long one orchestrator probe may take during selection.")
    private long probeTimeout = 3000;

    @UriParam(
            label = "advanced",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long an orchestrator may take to answer a request.")
    private long requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    @UriParam(
            label = "live",
            description = "live-video-to-video, app and scope: the name of the live, persistent app or Scope session."
                    + " Endpoints naming the same session share it; the first one that needs it starts it, the"
                    + " last one to stop closes it. An app endpoint without a session makes single-shot calls.")
    private String session;

    @UriParam(
            label = "live",
            defaultValue = "media",
            enums = "media,control,events",
            description = "live-video-to-video: which channel the endpoint uses. media: producers publish input"
                    + " segments, consumers receive output segments; control: producers send parameter updates"
                    + " (JSON or a Map); events: consumers receive the runner's events (as a Map).")
    private LiveChannel channel = LiveChannel.MEDIA;

    @UriParam(label = "app", description = "app: only runners of this exact version (any version when unset).")
    private String version;

    @UriParam(
            label = "app",
            defaultValue = "/",
            description = "app: the path under the app to call, e.g. /v1/chat (it may end with a query string);"
                    + " the CamelHttpPath and CamelHttpQuery headers override it per exchange.")
    private String path = "/";

    @UriParam(
            label = "app",
            description = "app: the HTTP method (GET when the body is empty, POST otherwise, unless set); the"
                    + " CamelHttpMethod header overrides it per exchange.")
    private String method;

    @UriParam(label = "live", description = "live-video-to-video and scope: the session's initial parameters, as JSON.")
    private String params;

    @UriParam(
            label = "live",
            defaultValue = "bytes",
            enums = "bytes,stream",
            description =
                    "live-video-to-video consumers: each output segment's body as a byte array or as an InputStream"
                            + " that delivers bytes as they arrive.")
    private SegmentBody segmentBody = SegmentBody.BYTES;

    @UriParam(
            label = "live",
            defaultValue = "5000",
            javaType = "java.time.Duration",
            description = "live-video-to-video: how often, at most, the session pays the orchestrator while input"
                    + " segments flow (no input, no payment). app and scope: how often a session paid over time pays"
                    + " while it is open.")
    private long paymentInterval = 5000;

    @UriParam(
            label = "live",
            defaultValue = "5000",
            javaType = "java.time.Duration",
            description = "live-video-to-video: how long a sent input segment may wait for the orchestrator's answer"
                    + " before the orchestrator counts as frozen and the session moves to another one.")
    private long inputSegmentTimeout = 5000;

    @UriParam(
            label = "live",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "live-video-to-video: how long the output may stay silent, while input flows and a consumer"
                    + " waits for it, before the session moves to another orchestrator.")
    private long outputStallTimeout = 30000;

    @UriParam(
            label = "live",
            defaultValue = "3",
            description = "live-video-to-video: input segments the orchestrator may leave unanswered at once; the next"
                    + " one fails and the session moves to another orchestrator.")
    private int maxInflightSegments = 3;

    @UriParam(
            label = "live",
            defaultValue = "2",
            description = "live-video-to-video: moves to another orchestrator allowed in a run of moves each less than"
                    + " recoveryWindow after the previous one (or the start); a longer run ends the session.")
    private int maxRecoveries = 2;

    @UriParam(
            label = "live",
            defaultValue = "180000",
            javaType = "java.time.Duration",
            description = "live-video-to-video: the window of maxRecoveries.")
    private long recoveryWindow = 180000;

    @UriParam(
            label = "live",
            defaultValue = "live",
            description = "live-video-to-video: where the session's output and events start. live: the next segment"
                    + " written after the session started (go-livepeer's choice, seq -1); current: the segment being"
                    + " written, which may be an old one (the python gateway's choice, seq -2); or a seq number."
                    + " Taken from the endpoint that starts the session.")
    private String subscribeStart = "live";

    @UriParam(
            label = "live",
            defaultValue = "deliverAll",
            enums = "deliverAll,skipToLatest",
            description = "live-video-to-video: what the session's output does when its consumer falls behind the"
                    + " live edge. deliverAll: every segment the orchestrator still holds, in order; skipToLatest: more"
                    + " than maxLagSegments newer segments make it jump to the one being written. Taken from the"
                    + " endpoint that starts the session.")
    private String lagPolicy = "deliverAll";

    @UriParam(
            label = "live",
            defaultValue = "2",
            description =
                    "live-video-to-video with lagPolicy=skipToLatest: how many newer segments are tolerated before"
                            + " skipping.")
    private int maxLagSegments = 2;

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

    public int getMaxLagSegments() {
        return maxLagSegments;
    }

    public void setMaxLagSegments(int maxLagSegments) {
        this.maxLagSegments = maxLagSegments;
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

    public long getPaymentInterval() {
        return paymentInterval;
    }

    public void setPaymentInterval(long paymentInterval) {
        this.paymentInterval = paymentInterval;
    }

    public long getInputSegmentTimeout() {
        return inputSegmentTimeout;
    }

    public void setInputSegmentTimeout(long inputSegmentTimeout) {
        this.inputSegmentTimeout = inputSegmentTimeout;
    }

    public long getOutputStallTimeout() {
        return outputStallTimeout;
    }

    public void setOutputStallTimeout(long outputStallTimeout) {
        this.outputStallTimeout = outputStallTimeout;
    }

    public int getMaxInflightSegments() {
        return maxInflightSegments;
    }

    public void setMaxInflightSegments(int maxInflightSegments) {
        this.maxInflightSegments = maxInflightSegments;
    }

    public int getMaxRecoveries() {
        return maxRecoveries;
    }

    public void setMaxRecoveries(int maxRecoveries) {
        this.maxRecoveries = maxRecoveries;
    }

    public long getRecoveryWindow() {
        return recoveryWindow;
    }

    public void setRecoveryWindow(long recoveryWindow) {
        this.recoveryWindow = recoveryWindow;
    }

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

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
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

    public boolean isStream() {
        return stream;
    }

    public void setStream(boolean stream) {
        this.stream = stream;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getProbeTimeout() {
        return probeTimeout;
    }

    public void setProbeTimeout(long probeTimeout) {
        this.probeTimeout = probeTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public LivepeerConfiguration copy() {
        try {
            return (LivepeerConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
