package org.livepeer.camel;

import java.math.BigDecimal;
import java.time.Duration;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.apps.AppQuery;
import org.livepeer.gateway.apps.AppRequest;
import org.livepeer.gateway.apps.AppSettings;
import org.livepeer.gateway.apps.RunnerMode;

/** What a {@code livepeer:app} endpoint's options mean for the apps library, checked when it starts. */
final class AppEndpoints {

    private AppEndpoints() {}

    /** Fails naming the option when the endpoint cannot work: no app, a bad path or method, no network. */
    static void validate(LivepeerEndpoint endpoint) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        NetworkSettings network = endpoint.networkSettings();
        query(endpoint, network);
        settings(config);
        AppRequest.builder(config.getMethod() == null ? "GET" : config.getMethod(), config.getPath());
        GatewayConfig gateway = network.toGatewayConfig(endpoint.getCamelContext());
        if (gateway.orchestrators().isEmpty()
                && gateway.discoveryUrl() == null
                && gateway.signerUrls().isEmpty()) {
            throw new ConfigurationException(
                    "orchestrators",
                    "livepeer:app has no network to use: set orchestrators, discoveryUrl, signerUrl or token on the"
                            + " endpoint or on the component (camel.component.livepeer.*)");
        }
    }

    /** The runners the endpoint may use: its app, version and price ceiling; persistent with a session. */
    static AppQuery query(LivepeerEndpoint endpoint, NetworkSettings network) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        if (network.app() == null || network.app().isBlank()) {
            throw new ConfigurationException("app", "livepeer:app needs the app to call, e.g. ?app=echo/v1");
        }
        BigDecimal maxPrice = null;
        if (network.maxPrice() != null) {
            try {
                maxPrice = new BigDecimal(network.maxPrice());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(
                        "maxPrice", "must be a number of wei per unit, was '" + network.maxPrice() + "'");
            }
        }
        RunnerMode mode = config.getSession() == null || config.getSession().isBlank()
                ? RunnerMode.SINGLE_SHOT
                : RunnerMode.PERSISTENT;
        return new AppQuery(network.app(), config.getVersion(), maxPrice, mode);
    }

    static AppSettings settings(LivepeerConfiguration config) {
        if (config.getPaymentInterval() <= 0) {
            throw new ConfigurationException(
                    "paymentInterval", "must be positive, was " + config.getPaymentInterval() + " ms");
        }
        if (config.getRequestTimeout() <= 0) {
            throw new ConfigurationException(
                    "requestTimeout", "must be positive, was " + config.getRequestTimeout() + " ms");
        }
        return AppSettings.defaults()
                .withPaymentInterval(Duration.ofMillis(config.getPaymentInterval()))
                .withRequestTimeout(Duration.ofMillis(config.getRequestTimeout()))
                .withMaxAttempts(config.getMaxAttempts());
    }
}
