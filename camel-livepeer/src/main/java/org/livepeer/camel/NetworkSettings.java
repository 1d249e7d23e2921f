package org.livepeer.camel;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayConfig;

/**
 * The network part of an endpoint's configuration: equal settings share one gateway (and its
 * cached orchestrator info, suspensions and signer credentials).
 */
record NetworkSettings(
        List<String> signerUrls,
        Map<String, String> signerHeaders,
        List<String> orchestrators,
        String discoveryUrl,
        Map<String, String> discoveryHeaders,
        String token,
        String maxPrice,
        String app,
        SSLContextParameters sslContextParameters,
        long probeTimeout,
        long requestTimeout) {

    /**
     * The network of an endpoint: each option the endpoint leaves unset comes from the component as
     * it is now (so component options set after the endpoint was created still apply).
     */
    static NetworkSettings of(LivepeerConfiguration endpoint, LivepeerConfiguration component) {
        return new NetworkSettings(
                list(either(endpoint.getSignerUrl(), component.getSignerUrl())),
                HeaderLists.parse("signerHeaders", either(endpoint.getSignerHeaders(), component.getSignerHeaders())),
                list(either(endpoint.getOrchestrators(), component.getOrchestrators())),
                blankToNull(either(endpoint.getDiscoveryUrl(), component.getDiscoveryUrl())),
                HeaderLists.parse(
                        "discoveryHeaders", either(endpoint.getDiscoveryHeaders(), component.getDiscoveryHeaders())),
                blankToNull(either(endpoint.getToken(), component.getToken())),
                blankToNull(either(endpoint.getMaxPrice(), component.getMaxPrice())),
                blankToNull(either(endpoint.getApp(), component.getApp())),
                endpoint.getSslContextParameters() != null
                        ? endpoint.getSslContextParameters()
                        : component.getSslContextParameters(),
                endpoint.getProbeTimeout(),
                endpoint.getRequestTimeout());
    }

    private static String either(String own, String inherited) {
        return own == null || own.isBlank() ? inherited : own;
    }

    /** The same settings with a tenant's signer headers added (they win over the configured ones). */
    NetworkSettings withSignerHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(signerHeaders);
        merged.putAll(extra);
        return new NetworkSettings(
                signerUrls,
                Map.copyOf(merged),
                orchestrators,
                discoveryUrl,
                discoveryHeaders,
                token,
                maxPrice,
                app,
                sslContextParameters,
                probeTimeout,
                requestTimeout);
    }

    GatewayConfig toGatewayConfig(CamelContext context) {
        GatewayConfig.Builder builder = GatewayConfig.builder()
                .signerUrls(signerUrls)
                .signerHeaders(signerHeaders)
                .orchestrators(orchestrators)
                .discoveryUrl(discoveryUrl)
                .discoveryHeaders(discoveryHeaders)
                .token(token)
                .app(app)
                .probeTimeout(positive("probeTimeout", probeTimeout))
                .requestTimeout(positive("requestTimeout", requestTimeout));
        if (maxPrice != null) {
            try {
                builder.maxPricePerUnit(new BigDecimal(maxPrice));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(
                        "maxPrice", "must be a number of wei per unit, was '" + maxPrice + "'");
            }
        }
        if (sslContextParameters != null) {
            SslContext tls = tls(context);
            builder.signerTls(tls).discoveryTls(tls);
        }
        return builder.build();
    }

    private SslContext tls(CamelContext context) {
        try {
            return new JdkSslContext(sslContextParameters.createSSLContext(context), true, ClientAuth.NONE);
        } catch (Exception e) {
            throw new ConfigurationException(
                    "sslContextParameters", "cannot create the TLS context: " + e.getMessage());
        }
    }

    private static Duration positive(String option, long millis) {
        if (millis <= 0) {
            throw new ConfigurationException(option, "must be positive, was " + millis + " ms");
        }
        return Duration.ofMillis(millis);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "NetworkSettings[signers=" + signerUrls + ", orchestrators=" + orchestrators + ", discovery="
                + SecretParameters.withoutQuery(discoveryUrl) + ", token " + (token == null ? "absent" : "present")
                + "]";
    }
}
