package org.livepeer.simulator.orchestrator;

import com.google.protobuf.ByteString;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.live.LiveLedger;
import org.livepeer.simulator.payment.BigRational;

/**
 * The orchestrator's payment processing as live runner apps and Scope use it: payment challenges,
 * the same ticket checks, sender nonces and ledger as live video, and debits per session.
 */
public final class AppPayments {

    /** Scope is the {@code scope} model of live-video-to-video. */
    public static final String SCOPE_MODEL = "scope";

    private final OrchestratorConfig config;
    private final PaymentProcessor payments;
    private final Balances balances;
    private final OrchestratorInfoFactory infoFactory;
    private final AuthTokens authTokens;
    private final ModelCatalog catalog;

    AppPayments(
            OrchestratorConfig config,
            PaymentProcessor payments,
            Balances balances,
            OrchestratorInfoFactory infoFactory,
            AuthTokens authTokens,
            ModelCatalog catalog) {
        this.config = config;
        this.payments = payments;
        this.balances = balances;
        this.infoFactory = infoFactory;
        this.authTokens = authTokens;
        this.catalog = catalog;
    }

    /** A request's decoded and verified {@code Livepeer-Payment} and {@code Livepeer-Segment}. */
    public static final class Paid {
        private final PaymentProcessor.PaymentHeaders headers;

        private Paid(PaymentProcessor.PaymentHeaders headers) {
            this.headers = headers;
        }

        /** The payer, {@code 0x} and 40 hex digits. */
        public String sender() {
            return headers.sender();
        }

        /** The manifest id of the segment credentials. */
        public String manifestId() {
            return headers.segData().getManifestId().toStringUtf8();
        }

        /** The session id of the auth token the credentials carry. */
        public String authSessionId() {
            return headers.segData().getAuthToken().getSessionId();
        }

        public PriceInfo expectedPrice() {
            return headers.payment().getExpectedPrice();
        }

        public boolean hasExpectedPrice() {
            return headers.payment().hasExpectedPrice();
        }
    }

    public boolean offchain() {
        return config.offchain();
    }

    public OrchestratorConfig config() {
        return config;
    }

    /**
     * The OrchestratorInfo of a live runner payment challenge: transcoder, fresh ticket parameters,
     * the runner's price per one unit, the recipient address and an auth token for a new session.
     */
    public OrchestratorInfo runnerChallenge(long pricePerUnit) {
        return OrchestratorInfo.newBuilder()
                .setTranscoder(infoFactory.transcoderUrl())
                .setTicketParams(infoFactory.newTicketParams())
                .setPriceInfo(
                        PriceInfo.newBuilder().setPricePerUnit(pricePerUnit).setPixelsPerUnit(1))
                .setAddress(ByteString.copyFrom(infoFactory.address()))
                .setAuthToken(authTokens.issue())
                .build();
    }

    /** The OrchestratorInfo of a Scope payment challenge: as GetOrchestrator gives for live-video-to-video/scope. */
    public OrchestratorInfo scopeChallenge() {
        return infoFactory.forSession(scopeCapabilities(), authTokens.issue()).toBuilder()
                .setPriceInfo(scopePrice())
                .build();
    }

    /** The price of live-video-to-video/scope, else of the first live-video-to-video model offered, else 1 wei. */
    public PriceInfo scopePrice() {
        Optional<ModelOffer> offer = catalog.find(Capability.LIVE_VIDEO_TO_VIDEO, SCOPE_MODEL)
                .or(() -> catalog.offers().stream()
                        .filter(o -> o.capability() == Capability.LIVE_VIDEO_TO_VIDEO)
                        .findFirst());
        return offer.map(o ->
                        PriceMath.priceInfo(o.pricePerUnit(), o.pixelsPerUnit()).build())
                .orElse(PriceMath.priceInfo(1, 1).build());
    }

    /**
     * Decodes and verifies the payment headers.
     *
     * @throws OrchestratorError 402 when the payment cannot be decoded, 403 for bad segment credentials
     */
    public Paid read(HttpHeaders headers) throws OrchestratorError {
        return new Paid(payments.readHeaders(headers));
    }

    /**
     * Credits the payment's tickets to its manifest id, as every orchestrator payment is credited.
     *
     * @throws OrchestratorError 400 when a ticket is refused
     */
    public void credit(Paid paid) throws OrchestratorError {
        payments.process(paid.headers, paid.manifestId());
    }

    /** go-livepeer's SufficientBalance: at least one ticket's expected value. */
    public boolean sufficientBalance(Paid paid) {
        return payments.sufficientBalance(paid.sender(), paid.manifestId());
    }

    /** Fresh info (new ticket parameters, the session's auth token kept) for a payment's reply. */
    public OrchestratorInfo paymentResultInfo(Paid paid) {
        var segData = paid.headers.segData();
        return infoFactory.forSession(
                segData.hasCapabilities() ? segData.getCapabilities() : null, segData.getAuthToken());
    }

    /**
     * Debits {@code units} at {@code price} from the session's balance when it covers the fee; false,
     * with nothing debited, when it does not.
     */
    public boolean charge(String sender, String manifestId, PriceInfo price, long units) {
        if (price.getPricePerUnit() == 0 || price.getPixelsPerUnit() <= 0) {
            return true;
        }
        synchronized (balances) {
            BigRational fee = BigRational.of(price.getPricePerUnit(), price.getPixelsPerUnit())
                    .multiply(units);
            if (balances.balance(sender, manifestId).compareTo(fee) < 0) {
                return false;
            }
            balances.debit(sender, manifestId, price, units);
            return true;
        }
    }

    /** A live ledger charging {@code sender}'s balance for {@code manifestId} at {@code price}. */
    public LiveLedger ledger(String sender, String manifestId, PriceInfo price) {
        return new LiveLedger() {
            @Override
            public boolean charge(long units) {
                return AppPayments.this.charge(sender, manifestId, price, units);
            }

            @Override
            public String balance() {
                return balances.balance(sender, manifestId).toFloatString(0);
            }
        };
    }

    /** What every sender's tickets credited to {@code manifestId}, less what was debited. */
    public BigRational balance(String manifestId) {
        return balances.totalCredited(manifestId).subtract(balances.totalDebited(manifestId));
    }

    public BigRational debited(String manifestId) {
        return balances.totalDebited(manifestId);
    }

    /** The orchestrator's service URI (its transcoder URL), no trailing slash. */
    public String serviceUrl() {
        return infoFactory.transcoderUrl();
    }

    private static Capabilities scopeCapabilities() {
        int live = Capability.LIVE_VIDEO_TO_VIDEO.id();
        return Capabilities.newBuilder()
                .putCapacities(live, 1)
                .setConstraints(Capabilities.Constraints.newBuilder()
                        .putPerCapability(
                                live,
                                Capabilities.CapabilityConstraints.newBuilder()
                                        .putModels(
                                                SCOPE_MODEL,
                                                Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                        .build()))
                .build();
    }
}
