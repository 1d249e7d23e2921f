package org.livepeer.simulator.signer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.Faults;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.payment.TicketSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote signer as go-livepeer runs it ({@code -remoteSigner}): signs the gateway's
 * GetOrchestrator requests, writes payment tickets with the session state round-tripped through
 * the gateway, and optionally lists orchestrators.
 */
public final class RemoteSigner implements AutoCloseable {

    public static final int STATUS_REFRESH_SESSION = 480;
    public static final int STATUS_PRICE_EXCEEDED = 481;
    public static final int STATUS_NO_TICKETS = 482;
    public static final String ORCHESTRATOR_URL_HEADER = "Livepeer-Orchestrator-URL";
    static final String AUTH_ID_HEADER = "Signer-Auth-Id";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSigner.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final EthAccount account;
    private final SimHttpServer server;
    private final LivePaymentGenerator generator;
    private final SignerStats stats = new SignerStats();
    private final AtomicReference<BigRational> maxPrice;

    public RemoteSigner(EthAccount account, SimulatedChain chain, EventLoopGroup group, RemoteSignerConfig config) {
        this.account = account;
        this.maxPrice = new AtomicReference<>(config.maxPrice);
        TicketSender sender = new TicketSender(account, chain, config.maxTicketEv, config.maxTotalEv);
        this.generator =
                new LivePaymentGenerator(account, sender, config.clock, config.authTokenValidPeriod, maxPrice::get);
        RequiredHeaders auth = RequiredHeaders.of(config.requiredHeaders);
        Router router = new Router()
                .exact(
                        "POST",
                        "/sign-orchestrator-info",
                        auth.guard(HttpHandler.buffered(MAX_BODY_BYTES, (call, body) -> signOrchestratorInfo(call))))
                .exact(
                        "POST",
                        "/generate-live-payment",
                        auth.guard(HttpHandler.buffered(MAX_BODY_BYTES, this::generateLivePayment)));
        if (config.discovery != null) {
            DiscoveryListing listing = new DiscoveryListing(config.discovery);
            router.exact("GET", "/discover-orchestrators", auth.guard(call -> discover(call, listing)));
        }
        this.server = new SimHttpServer(config.host, config.port, config.tls, group, router);
    }

    public RemoteSigner start() {
        server.start();
        LOG.info("remote signer {} listening on {}", account.addressHex(), server.baseUrl());
        return this;
    }

    /** {@code http(s)://host:port}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public EthAccount account() {
        return account;
    }

    public Faults faults() {
        return server.faults();
    }

    public SimHttpServer server() {
        return server;
    }

    public SignerStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Changes the configured maximum price (wei per unit) at run time; null removes it. */
    public void setMaxPrice(BigRational price) {
        maxPrice.set(price);
    }

    public BigRational maxPrice() {
        return maxPrice.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** go signs the checksummed address text, which orchestrators check against the request's address. */
    private void signOrchestratorInfo(HttpCall call) {
        String address = account.addressHex();
        byte[] sig = account.sign(address.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("address", address);
        body.put("signature", "0x" + HexFormat.of().formatHex(sig));
        stats.orchestratorInfoSigned();
        call.respond(HttpResponseStatus.OK, "application/json", GoJson.encodeLine(body), null);
    }

    private void generateLivePayment(HttpCall call, ByteBuf body) {
        try {
            LivePaymentRequest request = LivePaymentRequest.parse(new ByteBufInputStream(body));
            LivePaymentGenerator.Result result = generator.generate(request, call.header(AUTH_ID_HEADER));
            stats.paymentGenerated(result.tickets(), result.fee());
            stats.paymentAnswered(200);
            call.respond(HttpResponseStatus.OK, "application/json", GoJson.encodeLine(responseBody(result)), null);
            LOG.debug(
                    "payment of {} tickets for fee {}",
                    result.tickets(),
                    result.fee().toFloatString(0));
        } catch (SignerError e) {
            stats.paymentAnswered(e.status());
            LOG.debug("generate-live-payment refused with {}: {}", e.status(), e.getMessage());
            JsonErrors.respond(call, e);
        }
    }

    private static Map<String, Object> responseBody(LivePaymentGenerator.Result result) {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> state = new LinkedHashMap<>();
        state.put("State", base64.encodeToString(result.state().state()));
        state.put("Sig", base64.encodeToString(result.state().sig()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payment", base64.encodeToString(result.payment().toByteArray()));
        body.put("segCreds", base64.encodeToString(result.segCreds().toByteArray()));
        body.put("state", state);
        return body;
    }

    private static BodyConsumer discover(HttpCall call, DiscoveryListing listing) {
        List<DiscoveryEntry> entries = listing.current();
        if (entries == null) {
            JsonErrors.respond(call, 503, "cache empty", Map.of());
        } else {
            call.respond(
                    HttpResponseStatus.OK,
                    "application/json",
                    GoJson.encodeLine(DiscoveryListing.render(entries, call.queryAll("caps"))),
                    null);
        }
        return BodyConsumer.IGNORE;
    }
}
