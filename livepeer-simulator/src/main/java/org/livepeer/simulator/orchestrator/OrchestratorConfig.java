package org.livepeer.simulator.orchestrator;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.livepeer.simulator.ai.BatchOptions;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.trickle.TrickleConfig;

/** How one simulated orchestrator behaves. Build with {@link #builder(String)}; every value has a default. */
public final class OrchestratorConfig {

    private final String name;
    private final String host;
    private final int grpcPort;
    private final int httpPort;
    private final boolean httpTls;
    private final boolean offchain;
    private final List<ModelOffer> offers;
    private final BigInteger faceValue;
    private final BigInteger winProb;
    private final Duration ticketParamsLifetime;
    private final Duration authTokenValidity;
    private final Duration livePaymentInterval;
    private final double liveBillingSpeed;
    private final BatchOptions batch;
    private final TrickleConfig trickle;
    private final List<RunnerConfig> runners;
    private final int scopeCapacity;

    private OrchestratorConfig(Builder b) {
        this.name = b.name;
        this.host = b.host;
        this.grpcPort = b.grpcPort;
        this.httpPort = b.httpPort;
        this.httpTls = b.httpTls;
        this.offchain = b.offchain;
        this.offers = List.copyOf(b.offers == null ? DefaultModels.all(b.defaultPrice, b.defaultCapacity) : b.offers);
        this.faceValue = b.faceValue;
        this.winProb = b.winProb;
        this.ticketParamsLifetime = b.ticketParamsLifetime;
        this.authTokenValidity = b.authTokenValidity;
        this.livePaymentInterval = b.livePaymentInterval;
        this.liveBillingSpeed = b.liveBillingSpeed;
        this.batch = b.batch;
        this.trickle = b.trickle;
        this.runners = List.copyOf(b.runners);
        this.scopeCapacity = b.scopeCapacity;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean httpTls() {
        return httpTls;
    }

    public boolean offchain() {
        return offchain;
    }

    public List<ModelOffer> offers() {
        return offers;
    }

    public BigInteger faceValue() {
        return faceValue;
    }

    public BigInteger winProb() {
        return winProb;
    }

    public Duration ticketParamsLifetime() {
        return ticketParamsLifetime;
    }

    public Duration authTokenValidity() {
        return authTokenValidity;
    }

    public Duration livePaymentInterval() {
        return livePaymentInterval;
    }

    public double liveBillingSpeed() {
        return liveBillingSpeed;
    }

    public BatchOptions batch() {
        return batch;
    }

    public TrickleConfig trickle() {
        return trickle;
    }

    /** The live runner apps this orchestrator proxies. */
    public List<RunnerConfig> runners() {
        return runners;
    }

    /** How many Scope sessions may run at once. */
    public int scopeCapacity() {
        return scopeCapacity;
    }

    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int grpcPort;
        private int httpPort;
        private boolean httpTls = true;
        private boolean offchain;
        private List<ModelOffer> offers;
        private long defaultPrice = 1;
        private int defaultCapacity = 4;
        // EV per ticket = faceValue * winProb / 2^256: here 1e9 wei * 1/2 = 5e8 wei.
        private BigInteger faceValue = BigInteger.valueOf(1_000_000_000L);
        private BigInteger winProb = BigInteger.ONE.shiftLeft(255);
        private Duration ticketParamsLifetime = Duration.ofMinutes(10);
        private Duration authTokenValidity = Duration.ofMinutes(30);
        private Duration livePaymentInterval = Duration.ofSeconds(5);
        private double liveBillingSpeed = 1.0;
        private BatchOptions batch = BatchOptions.defaults();
        private TrickleConfig trickle = TrickleConfig.defaults();
        private List<RunnerConfig> runners = List.of();
        private int scopeCapacity = 2;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("orchestrator name must not be blank");
            }
            this.name = name;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** gRPC port; 0 (default) picks a free one. */
        public Builder grpcPort(int port) {
            this.grpcPort = checkPort("grpcPort", port);
            return this;
        }

        /** HTTP(S) port of the transcoder URL; 0 (default) picks a free one. */
        public Builder httpPort(int port) {
            this.httpPort = checkPort("httpPort", port);
            return this;
        }

        /** Serve the transcoder URL over plain HTTP instead of HTTPS. */
        public Builder plainHttp() {
            this.httpTls = false;
            return this;
        }

        /** No payments: no ticket parameters or prices, requests need only a valid auth token. */
        public Builder offchain(boolean offchain) {
            this.offchain = offchain;
            return this;
        }

        /** Replaces the default offers (every pipeline with its default model). */
        public Builder offers(List<ModelOffer> offers) {
            this.offers = new ArrayList<>(offers);
            return this;
        }

        /** Price of the default offers, wei per unit (default 1). */
        public Builder defaultPrice(long pricePerUnit) {
            this.defaultPrice = pricePerUnit;
            return this;
        }

        /** Capacity of each default offer (default 4). */
        public Builder defaultCapacity(int capacity) {
            this.defaultCapacity = capacity;
            return this;
        }

        public Builder faceValue(BigInteger faceValue) {
            this.faceValue = faceValue;
            return this;
        }

        public Builder winProb(BigInteger winProb) {
            this.winProb = winProb;
            return this;
        }

        /** How long ticket parameters stay valid after they are handed out (default 10 min). */
        public Builder ticketParamsLifetime(Duration lifetime) {
            this.ticketParamsLifetime = lifetime;
            return this;
        }

        /** Auth token validity (go-livepeer: 30 min). */
        public Builder authTokenValidity(Duration validity) {
            this.authTokenValidity = validity;
            return this;
        }

        /** How often a live session is debited while input segments flow (go-livepeer: 5 s). */
        public Builder livePaymentInterval(Duration interval) {
            this.livePaymentInterval = interval;
            return this;
        }

        /**
         * Simulated seconds of live video billed per real second (default 1). Larger values make a
         * session use up its credit quickly in tests.
         */
        public Builder liveBillingSpeed(double speed) {
            if (speed <= 0) {
                throw new IllegalArgumentException("liveBillingSpeed must be positive, was " + speed);
            }
            this.liveBillingSpeed = speed;
            return this;
        }

        /** Settings of the batch AI API: media delivery, size limits, LLM streaming pace. */
        public Builder batch(BatchOptions batch) {
            this.batch = Objects.requireNonNull(batch, "batch");
            return this;
        }

        /** The trickle server settings of the live channels (window, idle sweep). */
        public Builder trickle(TrickleConfig trickle) {
            this.trickle = Objects.requireNonNull(trickle, "trickle");
            return this;
        }

        /** The live runner apps to proxy (default none); each without a URL gets an embedded {@code RunnerApp}. */
        public Builder runners(List<RunnerConfig> runners) {
            this.runners = List.copyOf(Objects.requireNonNull(runners, "runners"));
            return this;
        }

        /** How many Scope sessions may run at once (default 2; 0: always busy). */
        public Builder scopeCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("scopeCapacity must not be negative, was " + capacity);
            }
            this.scopeCapacity = capacity;
            return this;
        }

        public OrchestratorConfig build() {
            return new OrchestratorConfig(this);
        }

        private static int checkPort(String option, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(option + " must be between 0 and 65535, was " + port);
            }
            return port;
        }
    }
}
