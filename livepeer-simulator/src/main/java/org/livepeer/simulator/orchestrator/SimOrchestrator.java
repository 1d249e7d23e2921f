package org.livepeer.simulator.orchestrator;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.ai.BatchPipelines;
import org.livepeer.simulator.apps.SimApps;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;
import org.livepeer.simulator.http.Faults;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;
import org.livepeer.simulator.http.SocketTypes;
import org.livepeer.simulator.live.LiveSession;
import org.livepeer.simulator.payment.TicketIssuer;
import org.livepeer.simulator.tls.SelfSignedCertificate;
import org.livepeer.simulator.tls.ServerTls;
import org.livepeer.simulator.trickle.TrickleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated go-livepeer orchestrator: gRPC {@code GetOrchestrator} over TLS on one port, its
 * HTTP(S) API (batch AI, live video, payments, trickle) on another, which is its transcoder URL.
 * It can be stopped, restarted (new certificate, state lost, like a real restart) and have faults
 * injected.
 */
public final class SimOrchestrator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimOrchestrator.class);

    private final OrchestratorConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final EthAccount account = EthAccount.random();
    private final ModelCatalog catalog;
    private final TicketIssuer tickets;
    private final AuthTokens authTokens;
    private final Balances balances = new Balances();
    private final OrchestratorInfoFactory infoFactory;
    private final PaymentProcessor payments;
    private final GrpcFaults grpcFaults = new GrpcFaults();
    private final SimHttpServer http;
    private final TrickleServer trickle;
    private final LiveVideoHandler live;
    private final BatchPipelines batch;
    private final SimApps apps;
    private final Router router;
    private final java.util.concurrent.atomic.LongAdder getOrchestratorCalls =
            new java.util.concurrent.atomic.LongAdder();

    private volatile SelfSignedCertificate certificate;
    private volatile Server grpc;
    private volatile int grpcPort;

    public SimOrchestrator(
            OrchestratorConfig config, SimulatedChain chain, EventLoopGroup bossGroup, EventLoopGroup workerGroup) {
        this.config = config;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.grpcPort = config.grpcPort();
        this.catalog = new ModelCatalog(config.offers());
        this.tickets =
                new TicketIssuer(account, chain, config.faceValue(), config.winProb(), config.ticketParamsLifetime());
        this.authTokens = new AuthTokens(Clock.systemUTC(), config.authTokenValidity());
        Router router = new Router().countRequests(path -> !path.startsWith(LiveVideoHandler.TRICKLE_PATH));
        this.router = router;
        this.http = new SimHttpServer(config.host(), config.httpPort(), config.httpTls(), workerGroup, router);
        this.infoFactory =
                new OrchestratorInfoFactory(config, account, catalog, tickets, authTokens, this::transcoderUrl);
        SegmentCredentials credentials =
                new SegmentCredentials(config.offchain(), authTokens, () -> infoFactory.capabilities());
        this.payments = new PaymentProcessor(config, catalog, tickets, balances, credentials, this::transcoderUrl);
        router.exact("POST", "/payment", new PaymentHandler(config.name(), payments, infoFactory).handler());
        this.trickle = new TrickleServer(config.trickle(), workerGroup);
        trickle.mount(router, LiveVideoHandler.TRICKLE_PATH);
        this.live = new LiveVideoHandler(config, payments, balances, catalog, trickle, this::transcoderUrl);
        router.exact("POST", "/live-video-to-video", live.handler());
        this.batch = BatchPipelines.register(router, payments, config.batch());
        this.apps = new SimApps(
                new AppPayments(config, payments, balances, infoFactory, authTokens, catalog),
                trickle,
                workerGroup,
                router);
    }

    public synchronized SimOrchestrator start() {
        if (grpc != null) {
            return this;
        }
        if (certificate == null) {
            certificate = SelfSignedCertificate.goShaped(config.host());
        }
        if (config.httpTls()) {
            http.useCertificate(certificate);
        }
        trickle.start();
        apps.start();
        http.start();
        grpc = startGrpc();
        LOG.info(
                "orchestrator {} up: gRPC {}:{}, transcoder {}",
                config.name(),
                config.host(),
                grpcPort,
                transcoderUrl());
        return this;
    }

    /** Stops serving, like a crashed or stopped node; ports stay reserved for {@link #start()}. */
    public synchronized void stop() {
        Server running = grpc;
        grpc = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.stop();
        live.closeAll("orchestrator stopped");
        apps.close();
        trickle.close();
        LOG.info("orchestrator {} stopped", config.name());
    }

    /**
     * Freezes the node like a hung process: its ports still accept connections, but no HTTP
     * request (batch, live, payment, trickle) and no {@code GetOrchestrator} call is answered, and
     * open connections are no longer read, until {@link #thaw()}.
     */
    public void freeze() {
        grpcFaults.always(GrpcFaults.Fault.hanging());
        http.freeze();
        LOG.info("orchestrator {} frozen", config.name());
    }

    /** Ends {@link #freeze()} (also clearing every {@code GetOrchestrator} fault). */
    public void thaw() {
        http.thaw();
        grpcFaults.clear();
        LOG.info("orchestrator {} thawed", config.name());
    }

    public boolean isFrozen() {
        return http.isFrozen();
    }

    /**
     * A node restart: live sessions and balances are lost, auth tokens issued before become
     * invalid, and a new self-signed certificate is presented on both ports.
     */
    public synchronized void restart() {
        stop();
        balances.clear();
        authTokens.rotateSecret();
        certificate = SelfSignedCertificate.goShaped(config.host());
        start();
    }

    /** Presents a new go-shaped certificate without losing state (connections made from now on see it). */
    public void rotateCertificate() {
        presentCertificate(SelfSignedCertificate.goShaped(config.host()));
    }

    /** Presents {@code fresh} on both ports from now on, without losing state. */
    public synchronized void presentCertificate(SelfSignedCertificate fresh) {
        boolean running = grpc != null;
        if (running) {
            Server old = grpc;
            grpc = null;
            old.shutdownNow();
            try {
                old.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        certificate = fresh;
        if (config.httpTls()) {
            http.useCertificate(certificate);
        }
        if (running) {
            grpc = startGrpc();
        }
    }

    private Server startGrpc() {
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), grpcPort))
                    .bossEventLoopGroup(bossGroup)
                    .workerEventLoopGroup(workerGroup)
                    .channelType(SocketTypes.serverChannel(bossGroup))
                    .sslContext(ServerTls.grpc(certificate))
                    .addService(new OrchestratorGrpcService(
                            config.name(), infoFactory, grpcFaults, workerGroup, getOrchestratorCalls::increment))
                    .build()
                    .start();
            grpcPort = server.getPort();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "orchestrator " + config.name() + " cannot listen on " + config.host() + ":" + grpcPort, e);
        }
    }

    public String name() {
        return config.name();
    }

    /** Live sessions running now. */
    public Collection<LiveSession> liveSessions() {
        return live.sessions();
    }

    /** The {@code Authorization} header of the latest live-video-to-video start requests ("" when absent). */
    public List<String> liveStartAuthorizations() {
        return live.startAuthorizations();
    }

    public Optional<LiveSession> liveSession(String manifestId) {
        return live.session(manifestId);
    }

    /** The live runner apps and Scope sessions of this orchestrator. */
    public SimApps apps() {
        return apps;
    }

    /** The trickle server behind this orchestrator's live channels. */
    public TrickleServer trickle() {
        return trickle;
    }

    public OrchestratorConfig config() {
        return config;
    }

    public boolean isRunning() {
        return grpc != null;
    }

    /** {@code host:port} of the gRPC service, the address gateways are configured with. */
    public String address() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return host + ":" + grpcPort;
    }

    /** {@code https://host:port} of the gRPC service, as discovery lists it. */
    public String serviceUrl() {
        return "https://" + address();
    }

    private volatile String advertisedTranscoder;

    /** The HTTP(S) base URL handed out as {@code transcoder}. */
    public String transcoderUrl() {
        String advertised = advertisedTranscoder;
        return advertised != null ? advertised : http.baseUrl();
    }

    /**
     * Hands out {@code url} as the transcoder instead of this orchestrator's own HTTP server (null:
     * its own again), e.g. to send gateways to a misbehaving server.
     */
    public void advertiseTranscoder(String url) {
        this.advertisedTranscoder = url;
    }

    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** The orchestrator's Ethereum address, the tickets' recipient. */
    public EthAccount account() {
        return account;
    }

    /** Faults on the HTTP API (status codes, delays, hangs, dropped connections). */
    public Faults httpFaults() {
        return http.faults();
    }

    /** Faults on {@code GetOrchestrator}. */
    public GrpcFaults grpcFaults() {
        return grpcFaults;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public Balances balances() {
        return balances;
    }

    public TicketIssuer tickets() {
        return tickets;
    }

    /** Changes the price of one pipeline and model from the next request on. */
    public void setPrice(Capability capability, String modelId, long pricePerUnit, long pixelsPerUnit) {
        ModelOffer offer = catalog.find(capability, modelId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "orchestrator " + config.name() + " does not offer " + capability.pipeline() + "/" + modelId));
        catalog.put(offer.withPrice(pricePerUnit, pixelsPerUnit));
    }

    /** Changes how many concurrent requests one pipeline and model accepts (0: always busy). */
    public void setCapacity(Capability capability, String modelId, int capacity) {
        ModelOffer offer = catalog.find(capability, modelId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "orchestrator " + config.name() + " does not offer " + capability.pipeline() + "/" + modelId));
        catalog.put(offer.withCapacity(capacity));
    }

    /** Expires every ticket parameter handed out so far: the next payments with them fail. */
    public void expireTicketParams() {
        tickets.expireAllParams();
    }

    /** {@code GetOrchestrator} calls received (faults included). */
    public long getOrchestratorCalls() {
        return getOrchestratorCalls.sum();
    }

    /** HTTP requests to the orchestrator's API (batch pipelines, live starts, payments), trickle excepted. */
    public long httpCalls() {
        return router.requestsCounted();
    }

    public long paymentsAccepted() {
        return payments.paymentsAccepted();
    }

    public long ticketsAccepted() {
        return payments.ticketsAccepted();
    }

    public List<ModelOffer> offers() {
        return catalog.offers();
    }

    @Override
    public void close() {
        stop();
        batch.close();
    }
}
