package org.livepeer.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.livepeer.simulator.apps.RunnerApp;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;
import org.livepeer.simulator.http.SocketTypes;
import org.livepeer.simulator.orchestrator.ModelOffer;
import org.livepeer.simulator.orchestrator.OrchestratorConfig;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.signer.DiscoveryEntry;
import org.livepeer.simulator.signer.DiscoveryServer;
import org.livepeer.simulator.signer.RemoteSigner;
import org.livepeer.simulator.signer.RemoteSignerConfig;
import org.livepeer.simulator.trickle.TrickleCompatibility;
import org.livepeer.simulator.trickle.TrickleConfig;

/**
 * A local Livepeer network: orchestrators, a remote signer with orchestrator discovery, and a
 * standalone discovery endpoint, all on one shared Netty event loop. Start one per test (or per
 * test class) and close it afterwards:
 *
 * <pre>{@code
 * try (LivepeerSimulator sim = LivepeerSimulator.builder().orchestrators(3).start()) {
 *     String token = sim.token(); // or sim.signerUrl(), sim.orchestratorAddresses(), ...
 * }
 * }</pre>
 */
public final class LivepeerSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final SimulatedChain chain;
    private final List<SimOrchestrator> orchestrators = new ArrayList<>();
    private final RemoteSigner signer;
    private final DiscoveryServer discovery;
    private final Map<String, String> signerHeaders;
    private final Map<String, String> discoveryHeaders;

    private LivepeerSimulator(Builder builder) {
        this.bossGroup = SocketTypes.newGroup(1, "simulator-boss");
        this.workerGroup = SocketTypes.newGroup(builder.eventLoopThreads, "simulator");
        this.chain = new SimulatedChain(builder.blockTime);
        this.signerHeaders = Map.copyOf(builder.signerHeaders);
        this.discoveryHeaders = Map.copyOf(builder.discoveryHeaders);
        try {
            for (OrchestratorConfig config : builder.orchestratorConfigs()) {
                orchestrators.add(new SimOrchestrator(config, chain, bossGroup, workerGroup).start());
            }
            if (builder.offchain) {
                this.signer = null;
            } else {
                RemoteSignerConfig signerConfig = builder.signerConfig
                        .apply(RemoteSignerConfig.defaults()
                                .host(builder.host)
                                .port(builder.signerPort)
                                .requiredHeaders(signerHeaders))
                        .discovery(this::discoveryEntries);
                this.signer = new RemoteSigner(EthAccount.random(), chain, workerGroup, signerConfig).start();
            }
            this.discovery = new DiscoveryServer(
                            builder.host,
                            builder.discoveryPort,
                            false,
                            workerGroup,
                            this::discoveryEntries,
                            discoveryHeaders)
                    .start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every orchestrator, running or stopped, in the order they were configured. */
    public List<SimOrchestrator> orchestrators() {
        return List.copyOf(orchestrators);
    }

    public SimOrchestrator orchestrator(int index) {
        return orchestrators.get(index);
    }

    public SimOrchestrator orchestrator(String name) {
        return orchestrators.stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no orchestrator named " + name));
    }

    /** {@code host:port} of every orchestrator's gRPC service. */
    public List<String> orchestratorAddresses() {
        return orchestrators.stream().map(SimOrchestrator::address).toList();
    }

    /** The remote signer, or null in offchain mode. */
    public RemoteSigner signer() {
        return signer;
    }

    /** The signer's base URL, or null in offchain mode. */
    public String signerUrl() {
        return signer == null ? null : signer.baseUrl();
    }

    public Map<String, String> signerHeaders() {
        return signerHeaders;
    }

    /** The standalone discovery endpoint (a full URL; {@code caps} query parameters filter it). */
    public String discoveryUrl() {
        return discovery.url();
    }

    public DiscoveryServer discovery() {
        return discovery;
    }

    public Map<String, String> discoveryHeaders() {
        return discoveryHeaders;
    }

    public SimulatedChain chain() {
        return chain;
    }

    /**
     * The network as a gateway token: base64 of a JSON object with {@code orchestrators},
     * {@code signer} (absent offchain), {@code signer_headers}, {@code discovery} and
     * {@code discovery_headers}.
     */
    public String token() {
        ObjectNode token = JSON.createObjectNode();
        ArrayNode list = token.putArray("orchestrators");
        orchestratorAddresses().forEach(list::add);
        if (signer != null) {
            token.put("signer", signer.baseUrl());
            if (!signerHeaders.isEmpty()) {
                token.set("signer_headers", JSON.valueToTree(signerHeaders));
            }
        }
        token.put("discovery", discovery.url());
        if (!discoveryHeaders.isEmpty()) {
            token.set("discovery_headers", JSON.valueToTree(discoveryHeaders));
        }
        return Base64.getEncoder().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The calls made into the network so far (see {@link RoundTrips}). */
    public RoundTrips roundTrips() {
        long payments = 0;
        long credentials = 0;
        if (signer != null) {
            var stats = signer.stats();
            payments = stats.paymentRequests();
            credentials = stats.orchestratorInfoSignatures();
        }
        long grpc = 0;
        long http = 0;
        for (SimOrchestrator orchestrator : orchestrators) {
            grpc += orchestrator.getOrchestratorCalls();
            http += orchestrator.httpCalls();
        }
        return new RoundTrips(payments, credentials, grpc, http);
    }

    /** The orchestrators' books as they stand (see {@link Ledger}). */
    public Ledger ledger() {
        Map<String, List<org.livepeer.simulator.orchestrator.Balances.Entry>> books = new java.util.LinkedHashMap<>();
        for (SimOrchestrator orchestrator : orchestrators) {
            books.put(orchestrator.name(), List.copyOf(orchestrator.balances().entries()));
        }
        return new Ledger(Map.copyOf(books));
    }

    /** One JSON object describing the network: orchestrators, signer, discovery and the token. */
    public ObjectNode describe() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("orchestrators");
        orchestratorAddresses().forEach(list::add);
        if (signer == null) {
            out.putNull("signer");
        } else {
            out.put("signer", signer.baseUrl());
        }
        out.put("discovery", discovery.url());
        ArrayNode runners = out.putArray("runners");
        for (SimOrchestrator orchestrator : orchestrators) {
            for (Map<String, Object> runner : orchestrator.apps().discoveryRunners()) {
                ObjectNode listed = JSON.valueToTree(runner);
                listed.put("orchestrator", orchestrator.name());
                runners.add(listed);
            }
        }
        out.put("token", token());
        return out;
    }

    private List<DiscoveryEntry> discoveryEntries() {
        List<DiscoveryEntry> entries = new ArrayList<>();
        for (SimOrchestrator orchestrator : orchestrators) {
            List<String> capabilities = new ArrayList<>(orchestrator.offers().stream()
                    .map(ModelOffer::capabilityName)
                    .toList());
            // the signer lists runners with a url, an app and a price, and adds each app to the capabilities
            List<Map<String, Object>> runners = orchestrator.apps().discoveryRunners().stream()
                    .filter(runner ->
                            runner.containsKey("url") && runner.containsKey("app") && runner.containsKey("price_info"))
                    .toList();
            for (Map<String, Object> runner : runners) {
                String app = String.valueOf(runner.get("app"));
                if (!capabilities.contains(app)) {
                    capabilities.add(app);
                }
            }
            entries.add(new DiscoveryEntry(orchestrator.serviceUrl(), capabilities, runners));
        }
        return entries;
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        if (signer != null) {
            signer.close();
        }
        for (SimOrchestrator orchestrator : orchestrators) {
            orchestrator.close();
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int orchestratorCount = 1;
        private final List<OrchestratorConfig> extraOrchestrators = new ArrayList<>();
        private UnaryOperator<OrchestratorConfig.Builder> orchestratorDefaults = UnaryOperator.identity();
        private UnaryOperator<TrickleConfig> trickle = UnaryOperator.identity();
        private boolean offchain;
        private UnaryOperator<RemoteSignerConfig> signerConfig = UnaryOperator.identity();
        private int signerPort;
        private int discoveryPort;
        private int firstOrchestratorPort;
        private Map<String, String> signerHeaders = new LinkedHashMap<>();
        private Map<String, String> discoveryHeaders = new LinkedHashMap<>();
        private Duration blockTime = Duration.ofSeconds(1);
        private int eventLoopThreads = 2;
        private List<RunnerConfig> runners = List.of();

        private Builder() {}

        /** Address every server binds to (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** How many default orchestrators, named o1, o2, … (default 1; 0 allowed with custom ones). */
        public Builder orchestrators(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("orchestrators must not be negative, was " + count);
            }
            this.orchestratorCount = count;
            return this;
        }

        /** Adjusts the settings of the default orchestrators, e.g. {@code b -> b.defaultPrice(5)}. */
        public Builder orchestratorDefaults(UnaryOperator<OrchestratorConfig.Builder> defaults) {
            this.orchestratorDefaults = defaults;
            return this;
        }

        /**
         * Adjusts the trickle servers of the default orchestrators, e.g. {@code t -> t.withAutoCreate(true)};
         * applied before {@link #orchestratorDefaults}.
         */
        public Builder trickle(UnaryOperator<TrickleConfig> config) {
            this.trickle = java.util.Objects.requireNonNull(config, "trickle");
            return this;
        }

        /**
         * The default orchestrators' trickle servers behave like this go-livepeer version (e.g.
         * {@link TrickleCompatibility#V0_8_10}: no {@code GET <channel>/next}).
         */
        public Builder trickleCompatibility(TrickleCompatibility mode) {
            UnaryOperator<TrickleConfig> before = trickle;
            return trickle(config -> before.apply(config).withCompatibility(mode));
        }

        /** The default orchestrators' trickle servers create a channel on its first POST, like go-livepeer's Autocreate. */
        public Builder trickleAutoCreate(boolean enabled) {
            UnaryOperator<TrickleConfig> before = trickle;
            return trickle(config -> before.apply(config).withAutoCreate(enabled));
        }

        /** Adds an orchestrator with its own settings, after the default ones. */
        public Builder orchestrator(OrchestratorConfig config) {
            extraOrchestrators.add(config);
            return this;
        }

        /**
         * Live runner apps every default orchestrator proxies (each without a URL gets its own
         * embedded {@link RunnerApp}); an orchestrator-specific list goes through
         * {@link #orchestratorDefaults} or {@link #orchestrator(OrchestratorConfig)}.
         */
        public Builder runners(RunnerConfig... runners) {
            this.runners = List.of(runners);
            return this;
        }

        /** No signer and no payments: orchestrators accept requests with a valid auth token only. */
        public Builder offchain(boolean offchain) {
            this.offchain = offchain;
            return this;
        }

        /** Adjusts the remote signer (price ceiling, clock, auth token period, …). */
        public Builder signer(UnaryOperator<RemoteSignerConfig> config) {
            this.signerConfig = config;
            return this;
        }

        /** Headers the signer requires on every call (401 when missing, 403 when wrong). */
        public Builder signerHeaders(Map<String, String> headers) {
            this.signerHeaders = new LinkedHashMap<>(headers);
            return this;
        }

        /** Headers the discovery endpoint requires. */
        public Builder discoveryHeaders(Map<String, String> headers) {
            this.discoveryHeaders = new LinkedHashMap<>(headers);
            return this;
        }

        /** Fixed signer port (default: ephemeral). */
        public Builder signerPort(int port) {
            this.signerPort = port;
            return this;
        }

        /** Fixed port of the standalone discovery endpoint (default: ephemeral). */
        public Builder discoveryPort(int port) {
            this.discoveryPort = port;
            return this;
        }

        /**
         * Fixed orchestrator ports: orchestrator i gets gRPC port {@code first + 2i} and HTTP port
         * {@code first + 2i + 1} (default: ephemeral).
         */
        public Builder firstOrchestratorPort(int port) {
            this.firstOrchestratorPort = port;
            return this;
        }

        /** Block time of the simulated chain that ticket expiry is measured in (default 1 s). */
        public Builder blockTime(Duration blockTime) {
            this.blockTime = blockTime;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        public LivepeerSimulator start() {
            return new LivepeerSimulator(this);
        }

        private List<OrchestratorConfig> orchestratorConfigs() {
            List<OrchestratorConfig> configs = new ArrayList<>();
            for (int i = 0; i < orchestratorCount; i++) {
                OrchestratorConfig.Builder b = OrchestratorConfig.builder("o" + (i + 1))
                        .host(host)
                        .offchain(offchain)
                        .runners(runners)
                        .trickle(trickle.apply(TrickleConfig.defaults()));
                if (firstOrchestratorPort > 0) {
                    b.grpcPort(firstOrchestratorPort + 2 * i).httpPort(firstOrchestratorPort + 2 * i + 1);
                }
                configs.add(orchestratorDefaults.apply(b).build());
            }
            configs.addAll(extraOrchestrators);
            return configs;
        }
    }
}
