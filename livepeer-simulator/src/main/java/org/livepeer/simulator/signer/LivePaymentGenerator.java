package org.livepeer.simulator.signer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PriceInfo;
import org.livepeer.proto.SegData;
import org.livepeer.proto.TicketParams;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.Keccak;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.payment.SegDataSigning;
import org.livepeer.simulator.payment.TicketMath;
import org.livepeer.simulator.payment.TicketParamsRejected;
import org.livepeer.simulator.payment.TicketSender;
import org.livepeer.simulator.payment.WireValues;

/**
 * The payment logic of {@code /generate-live-payment}, in go-livepeer's order of checks: restore
 * the session from its signed state, decide whether the gateway must refresh the orchestrator,
 * bill the elapsed time (or pixels), enforce the price ceilings, and write just enough tickets to
 * cover the fee.
 */
final class LivePaymentGenerator {

    static final int MAX_TICKETS = 100;
    private static final double AUTH_TOKEN_REFRESH_FRACTION = 0.1;

    private final EthAccount account;
    private final TicketSender sender;
    private final SignedState signedState;
    private final Clock clock;
    private final Duration authTokenValidPeriod;
    private final Supplier<BigRational> configuredMaxPrice;
    private final SecureRandom random = new SecureRandom();

    LivePaymentGenerator(
            EthAccount account,
            TicketSender sender,
            Clock clock,
            Duration authTokenValidPeriod,
            Supplier<BigRational> configuredMaxPrice) {
        this.account = account;
        this.sender = sender;
        this.signedState = new SignedState(account);
        this.clock = clock;
        this.authTokenValidPeriod = authTokenValidPeriod;
        this.configuredMaxPrice = configuredMaxPrice;
    }

    /** A generated payment and the state to hand back to the gateway. */
    record Result(Payment payment, SegData segCreds, SignedState.Sealed state, BigRational fee, int tickets) {}

    Result generate(LivePaymentRequest request, String authIdHeader) throws SignerError {
        if (request.orchestrator().length == 0) {
            throw SignerError.badRequest("missing orchestrator");
        }
        OrchestratorInfo info = orchestratorInfo(request.orchestrator());
        PriceInfo price = info.getPriceInfo();
        if (!info.hasPriceInfo() || price.getPricePerUnit() == 0 || price.getPixelsPerUnit() == 0) {
            throw SignerError.badRequest("missing or zero priceInfo");
        }
        if (!info.hasTicketParams()) {
            throw SignerError.badRequest("missing ticketParams in OrchestratorInfo");
        }
        String orchestratorAddress = WireValues.hex(WireValues.fixed(info.getAddress(), 20));

        boolean hasState = request.hasState();
        PaymentState state =
                hasState ? restore(request, orchestratorAddress) : newState(request, orchestratorAddress, price);

        String manifestId = request.manifestId();
        if (manifestId.isEmpty()) {
            if (hasState) {
                throw SignerError.badRequest("missing manifestID");
            }
            manifestId = randomId();
        }
        Capabilities capabilities = capabilities(request.capabilities());

        TicketParams params = info.getTicketParams();
        String pmSessionId = TicketSender.sessionId(params);
        int lastNonce = pmSessionId.equals(state.pmSessionId) ? (int) state.senderNonce : 0;

        checkRefresh(info, params);

        Instant now = clock.instant();
        Instant lastUpdate = lastUpdate(state, now);
        long units = BillableUnits.of(request.type(), Duration.between(lastUpdate, now), request.inPixels());

        BigRational orchestratorPrice = BigRational.of(price.getPricePerUnit(), price.getPixelsPerUnit());
        BigRational requestMaxPrice = PriceCeilings.parseMaxPrice(request.maxPrice(), request.type());
        BigRational initialPrice = null;
        if (hasState) {
            if (state.initialPricePerUnit <= 0 || state.initialPixelsPerUnit <= 0) {
                throw SignerError.badRequest("invalid initial price in state");
            }
            initialPrice = BigRational.of(state.initialPricePerUnit, state.initialPixelsPerUnit);
        }
        PriceCeilings.check(
                orchestratorPrice,
                new PriceCeilings.Ceiling("configured maximum price", configuredMaxPrice.get()),
                new PriceCeilings.Ceiling("request maxPrice", requestMaxPrice),
                new PriceCeilings.Ceiling("initial session price", initialPrice));

        // Billing stays at the session's initial price even if the orchestrator's changes.
        BigRational fee = BigRational.of(state.initialPricePerUnit, state.initialPixelsPerUnit)
                .multiply(units);
        BigRational ev = TicketSender.ev(params);
        BigRational existing = balance(state);
        long needed = TicketMath.ticketsNeeded(existing, fee.max(ev), ev);
        if (needed <= 0) {
            throw new SignerError(RemoteSigner.STATUS_NO_TICKETS, "no tickets");
        }
        if (needed > MAX_TICKETS) {
            throw SignerError.badRequest("numTickets " + needed + " exceeds maximum of " + MAX_TICKETS);
        }
        int tickets = (int) needed;

        Payment payment;
        try {
            payment = sender.createPayment(params, price, lastNonce, tickets);
        } catch (TicketParamsRejected e) {
            throw new SignerError(500, e.getMessage());
        }

        state.balance = existing.add(ev.multiply(tickets)).subtract(fee).toRatString();
        state.lastUpdate = now.toString();
        state.pmSessionId = pmSessionId;
        state.senderNonce = Integer.toUnsignedLong(lastNonce + tickets);
        if (authIdHeader != null && !authIdHeader.isEmpty() && !authIdHeader.equals(state.authId)) {
            if (!state.authId.isEmpty()) {
                throw new SignerError(500, "remote signer auth ID changed");
            }
            state.authId = authIdHeader;
        }
        SegData segCreds = segCreds(manifestId, info, capabilities);
        return new Result(payment, segCreds, signedState.seal(state), fee, tickets);
    }

    private static OrchestratorInfo orchestratorInfo(byte[] bytes) throws SignerError {
        try {
            return OrchestratorInfo.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw SignerError.badRequest("proto: cannot parse invalid wire-format data");
        }
    }

    private static Capabilities capabilities(byte[] bytes) throws SignerError {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Capabilities.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw SignerError.badRequest("proto: cannot parse invalid wire-format data");
        }
    }

    private PaymentState restore(LivePaymentRequest request, String orchestratorAddress) throws SignerError {
        PaymentState state = signedState.open(request.state(), request.stateSig());
        if (!state.orchestratorAddress.equalsIgnoreCase(orchestratorAddress)) {
            throw SignerError.badRequest("orchestratorAddress mismatch");
        }
        if (!state.app.equals(request.app())) {
            throw SignerError.badRequest("app mismatch");
        }
        if (!state.type.isEmpty() && !state.type.equals(request.type())) {
            throw SignerError.badRequest("job type mismatch");
        }
        state.type = request.type();
        state.sequenceNumber++;
        return state;
    }

    private PaymentState newState(LivePaymentRequest request, String orchestratorAddress, PriceInfo price) {
        PaymentState state = new PaymentState();
        state.stateId = randomId();
        state.orchestratorAddress = orchestratorAddress;
        state.app = request.app();
        state.initialPricePerUnit = price.getPricePerUnit();
        state.initialPixelsPerUnit = price.getPixelsPerUnit();
        state.type = request.type();
        return state;
    }

    /**
     * go's {@code shouldRefreshSession}: the gateway must fetch fresh OrchestratorInfo when the auth
     * token is in the last tenth of its validity or the ticket parameters (nearly) expired.
     */
    private void checkRefresh(OrchestratorInfo info, TicketParams params) throws SignerError {
        if (!info.hasAuthToken()) {
            throw SignerError.badRequest(
                    "remote signer could not check whether to refresh session: missing auth token");
        }
        long refreshPoint = info.getAuthToken().getExpiration()
                - (long) (authTokenValidPeriod.toSeconds() * AUTH_TOKEN_REFRESH_FRACTION);
        boolean refresh = clock.instant().isAfter(Instant.ofEpochSecond(refreshPoint));
        if (!refresh) {
            try {
                sender.validate(params, 1);
            } catch (TicketParamsRejected e) {
                if (!e.expired()) {
                    throw SignerError.badRequest(
                            "remote signer could not check whether to refresh session: " + e.getMessage());
                }
                refresh = true;
            }
        }
        if (refresh) {
            throw new SignerError(
                    RemoteSigner.STATUS_REFRESH_SESSION,
                    "refresh session for remote signer",
                    Map.of(RemoteSigner.ORCHESTRATOR_URL_HEADER, info.getTranscoder()));
        }
    }

    private static Instant lastUpdate(PaymentState state, Instant now) throws SignerError {
        try {
            Instant last = Instant.parse(state.lastUpdate);
            return last.equals(Instant.parse(PaymentState.NEVER)) ? now : last;
        } catch (DateTimeParseException e) {
            throw SignerError.badRequest("invalid state");
        }
    }

    private static BigRational balance(PaymentState state) {
        if (state.balance.isEmpty()) {
            return BigRational.ZERO;
        }
        try {
            return BigRational.parse(state.balance);
        } catch (NumberFormatException e) {
            return BigRational.ZERO;
        }
    }

    /** Credentials for an empty segment (go's genSegCreds): manifest id, auth token, signature. */
    private SegData segCreds(String manifestId, OrchestratorInfo info, Capabilities capabilities) {
        byte[] manifest = manifestId.getBytes(StandardCharsets.UTF_8);
        byte[] hash = Keccak.hash256(new byte[0]);
        SegData.Builder segData = SegData.newBuilder()
                .setManifestId(ByteString.copyFrom(manifest))
                .setHash(ByteString.copyFrom(hash))
                .setProfiles(ByteString.copyFromUtf8("invalid"))
                .setAuthToken(info.getAuthToken());
        if (capabilities != null) {
            segData.setCapabilities(capabilities);
        }
        byte[] sig = account.sign(SegDataSigning.message(segData.build()));
        return segData.setSig(ByteString.copyFrom(sig)).build();
    }

    private String randomId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
