package org.livepeer.simulator.apps;

import java.util.Objects;

/**
 * One live runner an orchestrator proxies, as a static registration with label routing declares it.
 *
 * @param route    the label in the orchestrator's URLs ({@code /apps/{route}/...})
 * @param app      what it serves, conventionally {@code pipeline/model}, e.g. {@code echo/v1}
 * @param version  advertised version, may be empty
 * @param metadata opaque public text, may be empty
 * @param mode     persistent sessions or single-shot requests
 * @param capacity concurrent sessions
 * @param price    null for a free runner (always the case on an offchain orchestrator)
 * @param url      where the app listens; null to start an embedded {@link RunnerApp}
 */
public record RunnerConfig(
        String route,
        String app,
        String version,
        String metadata,
        RunnerMode mode,
        int capacity,
        RunnerPrice price,
        String url) {

    public RunnerConfig {
        if (route == null || route.isBlank() || route.contains("/")) {
            throw new IllegalArgumentException("runner route must be a non-blank label without '/', was " + route);
        }
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("runner app must not be blank (runner " + route + ")");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("runner capacity must not be negative, was " + capacity);
        }
        version = version == null ? "" : version;
        metadata = metadata == null ? "" : metadata;
        mode = Objects.requireNonNull(mode, "mode");
    }

    public static Builder builder(String route) {
        return new Builder(route);
    }

    public static final class Builder {
        private final String route;
        private String app = "echo/v1";
        private String version = "1.0.0";
        private String metadata = "";
        private RunnerMode mode = RunnerMode.PERSISTENT;
        private int capacity = 1;
        private RunnerPrice price;
        private String url;

        private Builder(String route) {
            this.route = route;
        }

        /** Default {@code echo/v1}. */
        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder metadata(String metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Default persistent. */
        public Builder mode(RunnerMode mode) {
            this.mode = mode;
            return this;
        }

        /** Default 1. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** Default null: free. */
        public Builder price(RunnerPrice price) {
            this.price = price;
            return this;
        }

        /** The app's base URL; default: an embedded {@link RunnerApp}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public RunnerConfig build() {
            return new RunnerConfig(route, app, version, metadata, mode, capacity, price, url);
        }
    }
}
