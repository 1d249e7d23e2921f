package org.livepeer.gateway;

import java.net.URI;

/**
 * Where an orchestrator's gRPC service listens. Accepted forms: {@code host:port},
 * {@code [ipv6]:port} and {@code https://host:port} (no path).
 */
public record OrchestratorAddress(String host, int port) {

    public OrchestratorAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
    }

    /**
     * Parses {@code text}; {@code option} names the setting it came from, for the error message.
     *
     * @throws ConfigurationException naming the option and the value when the form is not accepted
     */
    public static OrchestratorAddress parse(String option, String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new ConfigurationException(option, "an orchestrator address must not be empty");
        }
        String hostPort = value;
        if (value.contains("://")) {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw invalid(option, value, "not a valid URL");
            }
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                throw invalid(option, value, "only https:// URLs are accepted (orchestrators always use TLS)");
            }
            if (uri.getRawPath() != null
                    && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) {
                throw invalid(option, value, "an orchestrator URL must not have a path");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw invalid(option, value, "an orchestrator URL must be just https://host:port");
            }
            hostPort = uri.getRawAuthority();
            if (hostPort == null) {
                throw invalid(option, value, "missing host");
            }
        }
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw invalid(option, value, "expected [ipv6]:port");
            }
            host = hostPort.substring(1, close);
            portText = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || hostPort.indexOf(':') != colon) {
                throw invalid(option, value, "expected host:port, [ipv6]:port or https://host:port");
            }
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw invalid(option, value, "the port must be a number");
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw invalid(option, value, "expected a host and a port between 1 and 65535");
        }
        return new OrchestratorAddress(host, port);
    }

    private static ConfigurationException invalid(String option, String value, String why) {
        return new ConfigurationException(option, "invalid orchestrator address '" + value + "': " + why);
    }

    /** {@code host:port}, with brackets around IPv6 hosts. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code https://host:port}, the form discovery lists. */
    public String url() {
        return "https://" + authority();
    }

    @Override
    public String toString() {
        return authority();
    }
}
