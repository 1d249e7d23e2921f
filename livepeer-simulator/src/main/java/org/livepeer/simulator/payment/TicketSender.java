package org.livepeer.simulator.payment;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PriceInfo;
import org.livepeer.proto.TicketExpirationParams;
import org.livepeer.proto.TicketParams;
import org.livepeer.proto.TicketSenderParams;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;

/**
 * The sender's side of probabilistic micropayments, as the remote signer runs it: checks an
 * orchestrator's ticket parameters and writes signed tickets against them (go-livepeer's
 * {@code pm.Sender}). Stateless: the nonce to continue from is passed in.
 */
public final class TicketSender {

    /** go-livepeer's default {@code -maxTicketEV}, in wei. */
    public static final BigRational DEFAULT_MAX_TICKET_EV = BigRational.of(3_000_000_000_000L);
    /** go-livepeer's default {@code -maxTotalEV}, in wei. */
    public static final BigRational DEFAULT_MAX_TOTAL_EV = BigRational.of(20_000_000_000_000L);

    /** Parameters are refused this many blocks before they expire (go's paramsExpiryBuffer). */
    private static final long EXPIRY_BUFFER_BLOCKS = 1;

    private final EthAccount account;
    private final SimulatedChain chain;
    private final BigRational maxTicketEv;
    private final BigRational maxTotalEv;

    public TicketSender(EthAccount account, SimulatedChain chain) {
        this(account, chain, DEFAULT_MAX_TICKET_EV, DEFAULT_MAX_TOTAL_EV);
    }

    public TicketSender(EthAccount account, SimulatedChain chain, BigRational maxTicketEv, BigRational maxTotalEv) {
        this.account = account;
        this.chain = chain;
        this.maxTicketEv = maxTicketEv;
        this.maxTotalEv = maxTotalEv;
    }

    /** Expected value of one ticket under {@code params}. */
    public static BigRational ev(TicketParams params) {
        return TicketMath.ev(WireValues.unsigned(params.getFaceValue()), WireValues.unsigned(params.getWinProb()));
    }

    /** The session id go-livepeer derives from parameters: their recipientRandHash in hex. */
    public static String sessionId(TicketParams params) {
        return WireValues.hex(WireValues.fixed(params.getRecipientRandHash(), 32));
    }

    /**
     * Whether {@code numTickets} tickets may be sent against {@code params}, with go-livepeer's
     * checks and messages.
     */
    public void validate(TicketParams params, long numTickets) throws TicketParamsRejected {
        BigInteger expirationBlock = WireValues.unsigned(params.getExpirationBlock());
        if (expirationBlock.signum() == 0) {
            throw new TicketParamsRejected("ticketParams expiration block is 0", false);
        }
        BigInteger buffer = expirationBlock.subtract(BigInteger.valueOf(chain.currentBlock()));
        if (buffer.compareTo(BigInteger.valueOf(EXPIRY_BUFFER_BLOCKS)) <= 0) {
            throw new TicketParamsRejected(TicketIssuer.TICKET_PARAMS_EXPIRED, true);
        }
        BigRational ev = ev(params);
        if (ev.signum() <= 0) {
            return;
        }
        BigInteger faceValue = WireValues.unsigned(params.getFaceValue());
        if (ev.compareTo(BigRational.of(faceValue)) >= 0) {
            throw new TicketParamsRejected("ticket faceValue too low faceValue=" + faceValue, false);
        }
        if (ev.compareTo(maxTicketEv) > 0) {
            throw new TicketParamsRejected(
                    "ticket EV " + ev.toFloatString(5) + " > max ticket EV " + maxTicketEv.toFloatString(5), false);
        }
        BigRational total = ev.multiply(numTickets);
        if (total.compareTo(maxTotalEv) > 0) {
            throw new TicketParamsRejected(
                    "total ticket EV " + total.toFloatString(5) + " for " + numTickets
                            + " tickets > max total ticket EV " + maxTotalEv.toFloatString(5),
                    false);
        }
    }

    /**
     * A payment of {@code count} tickets with nonces {@code lastNonce + 1 … lastNonce + count}.
     * Parameters without creation round get the current one, as go-livepeer's sender does.
     */
    public Payment createPayment(TicketParams params, PriceInfo expectedPrice, int lastNonce, int count)
            throws TicketParamsRejected {
        validate(params, count);
        TicketExpirationParams expiration = params.getExpirationParams();
        if (expiration.getCreationRound() == 0
                || WireValues.isZero(WireValues.fixed(expiration.getCreationRoundBlockHash(), 32))) {
            expiration = CreationRound.current(chain);
        }
        byte[] sender = account.address();
        Payment.Builder payment = Payment.newBuilder()
                .setSender(ByteString.copyFrom(sender))
                .setExpectedPrice(expectedPrice)
                .setTicketParams(params.toBuilder().clearExpirationParams())
                .setExpirationParams(expiration);
        for (int i = 1; i <= count; i++) {
            int nonce = lastNonce + i;
            Ticket ticket = Ticket.of(params, expiration, sender, nonce);
            payment.addTicketSenderParams(TicketSenderParams.newBuilder()
                    .setSenderNonce(nonce)
                    .setSig(ByteString.copyFrom(account.sign(ticket.hash()))));
        }
        return payment.build();
    }
}
