package org.livepeer.gateway;

import io.netty.handler.ssl.SslContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.discovery.OrchestratorDiscovery;
import org.livepeer.gateway.orchestrator.OrchestratorRpc;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.orchestrator.OrchestratorSessions;
import org.livepeer.gateway.orchestrator.SenderCredentials;
import org.livepeer.gateway.payment.BatchPayments;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.OrchestratorSelector;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.gateway.selection.SelectionStrategy;
import org.livepeer.gateway.selection.Suspensions;
import org.livepeer.gateway.signer.RemoteSignerClient;
import org.livepeer.gateway.tls.TlsContexts;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.http.NettyTransport;

/**
 * A Livepeer gateway in plain Java: finds orchestrators, selects one for a pipeline and model, and
 * pays it through the remote signer. All network work runs on one Netty event loop group, shared
 * with the transport; {@link #close()} releases everything the gateway created.
 *
 * <pre>{@code
 * try (LivepeerGateway gateway = LivepeerGateway.builder(config).build()) {
 *     OrchestratorSession orchestrator = gateway.select(SelectionRequest.of(Pipeline.LLM, model)).join();
 *     PaymentHeaders headers = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL).headers(100).join();
 *     // POST to orchestrator.transcoderUrl() + "/llm" with the headers
 * }
 * }</pre>
 */
public final class LivepeerGateway implements AutoCloseable {

    private final GatewayConfig config;
    private final NettyTransport transport;
    private final boolean ownsTransport;
    private final TofuTrustStore pins = new TofuTrustStore();
    private final SslContext orchestratorTls;
    private final OrchestratorRpc rpc;
    private final RemoteSignerClient signer;
    private final OrchestratorDiscovery discovery;
    private final OrchestratorSelector selector;
    private final OrchestratorSessions sessions;
    private final Clock clock;
    private final java.util.Map<OrchestratorSession, BatchPayments> batchPayments =
            new java.util.concurrent.ConcurrentHashMap<>();

    private LivepeerGateway(Builder builder) {
        this.config = builder.config;
        this.clock = builder.clock;
        this.ownsTransport = builder.transport == null;
        this.transport = ownsTransport ? NettyTransport.create() : builder.transport;
        this.orchestratorTls = TlsContexts.tofuHttp(pins);
        this.rpc = new OrchestratorRpc(transport.eventLoopGroup(), transport.channelType(), pins);
        this.signer = config.offchain()
                ? null
                : new RemoteSignerClient(
                        transport,
                        config.signerUrls(),
                        config.signerHeaders(),
                        config.signerTls(),
                        config.requestTimeout());
        SenderCredentials.Source credentials = signer == null ? SenderCredentials.Source.OFFCHAIN : signer;
        this.sessions = new OrchestratorSessions(rpc, credentials, config.probeTimeout(), builder.infoMaxAge, clock);
        this.discovery = new OrchestratorDiscovery(config, transport, signer, builder.discoveryCacheFor, clock);
        this.selector = new OrchestratorSelector(
                sessions,
                new Suspensions(config.suspension(), config.maxSuspension(), clock),
                builder.strategy,
                config.selectionWindow(),
                transport.eventLoopGroup());
    }

    public static Builder builder(GatewayConfig config) {
        return new Builder(config);
    }

    /** Selects an orchestrator for {@code request}. */
    public CompletableFuture<OrchestratorSession> select(SelectionRequest request) {
        return select(request, List.of());
    }

    /** Selects an orchestrator, skipping {@code exclude} (those that already failed this request). */
    public CompletableFuture<OrchestratorSession> select(
            SelectionRequest request, Collection<OrchestratorAddress> exclude) {
        SelectionRequest effective = request.maxPricePerUnit() == null && config.maxPricePerUnit() != null
                ? request.withMaxPrice(config.maxPricePerUnit())
                : request;
        return discovery.orchestrators(effective).thenCompose(known -> selector.select(effective, known, exclude));
    }

    /** The orchestrators discovery offers for {@code request} (before probing and selection). */
    public CompletableFuture<List<OrchestratorAddress>> discoverOrchestrators(SelectionRequest request) {
        return discovery.orchestrators(request);
    }

    /**
     * A new payment session (one signer state) for one job on {@code orchestrator}. A live type
     * ({@code lv2v}, {@code live}, {@code fixed}) carries the configured price ceiling to the signer as
     * {@code maxPrice}; every type carries the configured {@code app}.
     */
    public PaymentSession paymentSession(OrchestratorSession orchestrator, PaymentType type) {
        return paymentSession(orchestrator, type, config.maxPricePerUnit());
    }

    /**
     * A new payment session with its own price ceiling in wei per unit (null for none). The signer
     * checks a ceiling only for the live types and refuses the payment with 481 above it; per-pixel
     * batch payments never send one (the signer would refuse the request), selection keeps them
     * under the ceiling instead.
     */
    public PaymentSession paymentSession(OrchestratorSession orchestrator, PaymentType type, BigDecimal maxPrice) {
        return new PaymentSession(
                orchestrator,
                signer,
                transport,
                orchestratorTls,
                type,
                type == PaymentType.PER_PIXEL ? null : maxPrice,
                config.app(),
                config.requestTimeout(),
                clock);
    }

    /**
     * The batch payments to {@code orchestrator} (one per orchestrator, pipeline and model): credit
     * carried over between requests, one signer state at a time, tickets only when the credit runs
     * short.
     */
    public BatchPayments batchPayments(OrchestratorSession orchestrator) {
        return batchPayments.computeIfAbsent(
                orchestrator,
                session -> new BatchPayments(
                        session, () -> paymentSession(session, PaymentType.PER_PIXEL), config.offchain()));
    }

    /**
     * Whether the gateway can serve {@code pipeline} and {@code modelId} now: the signer answers
     * (offchain: there is none to ask) and an orchestrator is available for them (not checked when
     * {@code modelId} is null). Never fails; the answer says what is wrong.
     */
    public CompletableFuture<GatewayHealth> health(Pipeline pipeline, String modelId) {
        CompletableFuture<String> signerProblem = signer == null
                ? CompletableFuture.completedFuture(null)
                : signer.ping()
                        .handle((ok, error) ->
                                error == null ? null : Failures.unwrap(error).getMessage());
        if (modelId == null) {
            return signerProblem.thenApply(problem -> new GatewayHealth(null, null, problem));
        }
        CompletableFuture<OrchestratorSession> orchestrator;
        try {
            orchestrator = select(SelectionRequest.of(pipeline, modelId));
        } catch (RuntimeException e) {
            orchestrator = CompletableFuture.failedFuture(e);
        }
        return orchestrator
                .handle((session, error) -> session != null
                        ? new GatewayHealth(session.address(), null, null)
                        : new GatewayHealth(null, Failures.unwrap(error).getMessage(), null))
                .thenCombine(signerProblem, (health, problem) -> health.withSignerProblem(problem));
    }

    /**
     * The gateway's session with the orchestrator at {@code address} for {@code pipeline} and {@code
     * modelId} (shared, so its cached info is), without selection: for callers that already chose
     * the orchestrator and need its info, e.g. its transcoder URL.
     */
    public OrchestratorSession orchestrator(OrchestratorAddress address, Pipeline pipeline, String modelId) {
        return sessions.get(address, pipeline, modelId);
    }

    /** Avoids {@code address} for a while, as after any failure. */
    public void reportFailure(OrchestratorAddress address, String reason) {
        selector.suspensions().failed(address, reason);
    }

    public GatewayConfig config() {
        return config;
    }

    public NettyTransport transport() {
        return transport;
    }

    /** The clock that times payments, suspensions, cached info and live sessions. */
    public Clock clock() {
        return clock;
    }

    /** TLS for orchestrator HTTPS (trust on first use, per host and port). */
    public SslContext orchestratorTls() {
        return orchestratorTls;
    }

    public TofuTrustStore pinnedCertificates() {
        return pins;
    }

    public Suspensions suspensions() {
        return selector.suspensions();
    }

    /** The remote signer client; null offchain. */
    public RemoteSignerClient signer() {
        return signer;
    }

    /** Where orchestrators (and the runner listings of some sources) come from. */
    public OrchestratorDiscovery discovery() {
        return discovery;
    }

    @Override
    public void close() {
        rpc.close();
        if (ownsTransport) {
            transport.close();
        }
    }

    public static final class Builder {
        private final GatewayConfig config;
        private NettyTransport transport;
        private SelectionStrategy strategy = SelectionStrategy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Duration infoMaxAge = Duration.ofMinutes(5);
        private Duration discoveryCacheFor = Duration.ofSeconds(30);

        private Builder(GatewayConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Shares a transport (and its event loop) instead of creating one; the gateway will not close it. */
        public Builder transport(NettyTransport transport) {
            this.transport = transport;
            return this;
        }

        public Builder strategy(SelectionStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long orchestrator info is used before it is fetched again (default 5 min). */
        public Builder infoMaxAge(Duration maxAge) {
            this.infoMaxAge = maxAge;
            return this;
        }

        /** How long a discovery answer is reused (default 30 s). */
        public Builder discoveryCacheFor(Duration duration) {
            this.discoveryCacheFor = duration;
            return this;
        }

        public LivepeerGateway build() {
            return new LivepeerGateway(this);
        }
    }
}
