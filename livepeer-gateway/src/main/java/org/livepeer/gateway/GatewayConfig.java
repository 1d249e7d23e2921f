package org.livepeer.gateway;

import io.netty.handler.ssl.SslContext;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the gateway needs to reach a Livepeer network, validated. Build with
 * {@link #builder()}; {@link Builder#build()} merges the token (its values win over explicit
 * options) and fails fast with a {@link ConfigurationException} naming the bad option.
 *
 * <p>Orchestrators come from, in order of precedence: the explicit list, the discovery URL, the
 * signer's {@code /discover-orchestrators}. Without a signer the gateway runs offchain.
 */
public final class GatewayConfig {

    /** How long a selection waits after the first suitable answer by default. */
    public static final Duration DEFAULT_SELECTION_WINDOW = Duration.ofMillis(40);

    static final int MAX_APP_LENGTH = 128;

    private final List<OrchestratorAddress> orchestrators;
    private final URI discoveryUrl;
    private final Map<String, String> discoveryHeaders;
    private final List<URI> signerUrls;
    private final Map<String, String> signerHeaders;
    private final BigDecimal maxPricePerUnit;
    private final String app;
    private final Duration probeTimeout;
    private final Duration selectionWindow;
    private final Duration requestTimeout;
    private final Duration suspension;
    private final Duration maxSuspension;
    private final SslContext signerTls;
    private final SslContext discoveryTls;

    private GatewayConfig(Builder b, GatewayToken token) {
        List<String> addresses =
                token != null && token.orchestrators() != null ? token.orchestrators() : b.orchestrators;
        String addressOption = token != null && token.orchestrators() != null ? "token.orchestrators" : "orchestrators";
        List<OrchestratorAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            parsed.add(OrchestratorAddress.parse(addressOption, address));
        }
        this.orchestrators = List.copyOf(parsed);

        String discovery = token != null && token.discovery() != null ? token.discovery() : b.discoveryUrl;
        this.discoveryUrl = discovery == null || discovery.isBlank()
                ? null
                : httpUrl(token != null && token.discovery() != null ? "token.discovery" : "discoveryUrl", discovery);
        this.discoveryHeaders = headers(
                token != null && token.discoveryHeaders() != null ? "token.discovery_headers" : "discoveryHeaders",
                token != null && token.discoveryHeaders() != null ? token.discoveryHeaders() : b.discoveryHeaders);

        List<String> signers = token != null && token.signer() != null ? List.of(token.signer()) : b.signerUrls;
        String signerOption = token != null && token.signer() != null ? "token.signer" : "signerUrl";
        List<URI> signerList = new ArrayList<>();
        for (String signer : signers) {
            if (signer != null && !signer.isBlank()) {
                signerList.add(origin(signerOption, httpUrl(signerOption, signer.trim())));
            }
        }
        this.signerUrls = List.copyOf(signerList);
        this.signerHeaders = headers(
                token != null && token.signerHeaders() != null ? "token.signer_headers" : "signerHeaders",
                token != null && token.signerHeaders() != null ? token.signerHeaders() : b.signerHeaders);

        if (b.maxPricePerUnit != null && b.maxPricePerUnit.signum() <= 0) {
            throw new ConfigurationException("maxPrice", "must be positive, was " + b.maxPricePerUnit.toPlainString());
        }
        this.maxPricePerUnit = b.maxPricePerUnit;
        if (b.app != null && (b.app.isBlank() || b.app.length() > MAX_APP_LENGTH)) {
            throw new ConfigurationException(
                    "app", "must be 1 to " + MAX_APP_LENGTH + " characters, was '" + b.app + "'");
        }
        this.app = b.app;
        this.probeTimeout = positive("probeTimeout", b.probeTimeout);
        this.selectionWindow = notNegative("selectionWindow", b.selectionWindow);
        this.requestTimeout = positive("requestTimeout", b.requestTimeout);
        this.suspension = positive("suspension", b.suspension);
        this.maxSuspension = positive("maxSuspension", b.maxSuspension);
        this.signerTls = b.signerTls;
        this.discoveryTls = b.discoveryTls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Explicitly configured orchestrators (highest precedence). */
    public List<OrchestratorAddress> orchestrators() {
        return orchestrators;
    }

    /** The discovery endpoint, or null. */
    public URI discoveryUrl() {
        return discoveryUrl;
    }

    public Map<String, String> discoveryHeaders() {
        return discoveryHeaders;
    }

    /** Signer base URLs, interchangeable (signers are stateless); empty means offchain. */
    public List<URI> signerUrls() {
        return signerUrls;
    }

    public Map<String, String> signerHeaders() {
        return signerHeaders;
    }

    public boolean offchain() {
        return signerUrls.isEmpty();
    }

    /** Highest acceptable price in wei per unit (pixel), or null for no limit. */
    public BigDecimal maxPricePerUnit() {
        return maxPricePerUnit;
    }

    /**
     * The application name sent with every signer payment request ({@code app}), or null for none.
     * The signer records it and refuses a state that was started under another name.
     */
    public String app() {
        return app;
    }

    /** How long one orchestrator probe may take during selection. */
    public Duration probeTimeout() {
        return probeTimeout;
    }

    /** After the first suitable answer, how long selection waits for cheaper or faster ones. */
    public Duration selectionWindow() {
        return selectionWindow;
    }

    /** Timeout of signer and discovery calls. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a failed orchestrator is avoided at first; doubles with each further failure. */
    public Duration suspension() {
        return suspension;
    }

    public Duration maxSuspension() {
        return maxSuspension;
    }

    /** Trust for signer HTTPS, or null for the system trust store. */
    public SslContext signerTls() {
        return signerTls;
    }

    /** Trust for discovery HTTPS, or null for the system trust store. */
    public SslContext discoveryTls() {
        return discoveryTls;
    }

    @Override
    public String toString() {
        return "GatewayConfig[orchestrators=" + orchestrators + ", discovery=" + discoveryUrl + ", signers="
                + signerUrls
                + ", signerHeaders=" + signerHeaders.keySet() + ", discoveryHeaders=" + discoveryHeaders.keySet()
                + ", maxPricePerUnit=" + maxPricePerUnit + ", app=" + app + "]";
    }

    private static URI httpUrl(String option, String text) {
        URI uri;
        String trimmed = text.trim();
        if (!trimmed.contains("://")) {
            // host:port, as go-livepeer and the python gateway accept: https is implied
            trimmed = "https://" + trimmed;
        }
        try {
            uri = new URI(trimmed);
        } catch (Exception e) {
            throw new ConfigurationException(option, "not a valid URL: '" + text + "'");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new ConfigurationException(option, "must be an http:// or https:// URL, was '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException(option, "missing host in '" + text + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(option, "credentials in the URL are not supported; use headers");
        }
        return uri;
    }

    private static URI origin(String option, URI uri) {
        try {
            return new URI(uri.getScheme().toLowerCase(), null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (Exception e) {
            throw new ConfigurationException(option, "not a valid URL: '" + uri + "'");
        }
    }

    private static Map<String, String> headers(String option, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().trim();
            if (name.isEmpty() || !name.chars().allMatch(GatewayConfig::isTokenChar)) {
                throw new ConfigurationException(option, "invalid header name '" + name + "'");
            }
            String value = header.getValue();
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigurationException(
                        option, "the value of header '" + name + "' is missing or has line breaks");
            }
            out.put(name, value);
        }
        return Map.copyOf(out);
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static Duration positive(String option, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(option, "must be a positive duration, was " + value);
        }
        return value;
    }

    private static Duration notNegative(String option, Duration value) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationException(option, "must not be negative, was " + value);
        }
        return value;
    }

    public static final class Builder {
        private List<String> orchestrators = List.of();
        private String discoveryUrl;
        private Map<String, String> discoveryHeaders = Map.of();
        private List<String> signerUrls = List.of();
        private Map<String, String> signerHeaders = Map.of();
        private String token;
        private BigDecimal maxPricePerUnit;
        private String app;
        private Duration probeTimeout = Duration.ofSeconds(3);
        /** With the hand-over after it, a selection ends within 50 ms of the first suitable answer. */
        private Duration selectionWindow = DEFAULT_SELECTION_WINDOW;

        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration suspension = Duration.ofSeconds(5);
        private Duration maxSuspension = Duration.ofMinutes(5);
        private SslContext signerTls;
        private SslContext discoveryTls;

        private Builder() {}

        /** Orchestrator addresses: {@code host:port}, {@code [ipv6]:port} or {@code https://host:port}. */
        public Builder orchestrators(List<String> addresses) {
            this.orchestrators = List.copyOf(Objects.requireNonNull(addresses, "orchestrators"));
            return this;
        }

        public Builder discoveryUrl(String url) {
            this.discoveryUrl = url;
            return this;
        }

        public Builder discoveryHeaders(Map<String, String> headers) {
            this.discoveryHeaders = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            return this;
        }

        /** One signer URL; see {@link #signerUrls(List)} for failover across several. */
        public Builder signerUrl(String url) {
            this.signerUrls = url == null ? List.of() : List.of(url);
            return this;
        }

        public Builder signerUrls(List<String> urls) {
            this.signerUrls = List.copyOf(Objects.requireNonNull(urls, "signerUrls"));
            return this;
        }

        public Builder signerHeaders(Map<String, String> headers) {
            this.signerHeaders = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            return this;
        }

        /** A base64 JSON gateway token; its values override the options above. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Highest acceptable price in wei per unit (pixel); orchestrators above it are not selected. */
        public Builder maxPricePerUnit(BigDecimal price) {
            this.maxPricePerUnit = price;
            return this;
        }

        /** The application name sent to the signer with each payment request; null for none. */
        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = timeout;
            return this;
        }

        /**
         * How long a selection waits, after the first suitable answer, for cheaper or faster ones
         * ({@link #DEFAULT_SELECTION_WINDOW} unless set; zero takes the first suitable answer).
         */
        public Builder selectionWindow(Duration window) {
            this.selectionWindow = window;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder suspension(Duration initial, Duration max) {
            this.suspension = initial;
            this.maxSuspension = max;
            return this;
        }

        public Builder signerTls(SslContext tls) {
            this.signerTls = tls;
            return this;
        }

        public Builder discoveryTls(SslContext tls) {
            this.discoveryTls = tls;
            return this;
        }

        public GatewayConfig build() {
            GatewayToken parsed = token == null ? null : GatewayToken.parse(token);
            return new GatewayConfig(this, parsed);
        }
    }
}
