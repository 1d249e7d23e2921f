package org.livepeer.camel;

import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.GatewayConfig;

/** What a {@code livepeer:scope} endpoint needs, checked when its producer or consumer starts. */
final class ScopeEndpoints {

    private ScopeEndpoints() {}

    /** The session name; fails naming the option when it, the params, the settings or the network are unusable. */
    static String validate(LivepeerEndpoint endpoint) {
        LivepeerConfiguration config = endpoint.getConfiguration();
        String session = config.getSession();
        if (session == null || session.isBlank()) {
            throw new ConfigurationException("session", "livepeer:scope needs the session's name, ?session=…");
        }
        RequestBodies.parseJson("params", config.getParams());
        AppEndpoints.settings(config);
        GatewayConfig gateway = endpoint.networkSettings().toGatewayConfig(endpoint.getCamelContext());
        if (gateway.orchestrators().isEmpty()
                && gateway.discoveryUrl() == null
                && gateway.signerUrls().isEmpty()) {
            throw new ConfigurationException(
                    "orchestrators",
                    "livepeer:scope has no network to use: set orchestrators, discoveryUrl, signerUrl or token on"
                            + " the endpoint or on the component (camel.component.livepeer.*)");
        }
        return session;
    }
}
