package org.livepeer.simulator.payment;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.livepeer.proto.Payment;
import org.livepeer.proto.TicketExpirationParams;
import org.livepeer.proto.TicketParams;
import org.livepeer.proto.TicketSenderParams;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.Keccak;
import org.livepeer.simulator.eth.SimulatedChain;

/**
 * The recipient's side of probabilistic micropayments, as an orchestrator runs it: hands out
 * ticket parameters and checks the tickets paid against them, with go-livepeer's rules and error
 * texts. Thread-safe.
 */
public final class TicketIssuer {

    public static final String TICKET_PARAMS_EXPIRED = "TicketParams expired";
    public static final String INVALID_RECIPIENT = "invalid ticket recipient";
    public static final String INVALID_SENDER = "invalid ticket sender";
    public static final String INVALID_RECIPIENT_RAND = "invalid recipientRand for ticket recipientRandHash";
    public static final String INVALID_SIGNATURE = "invalid ticket signature";

    /** go-livepeer accepts at most this many nonces per recipientRandHash. */
    static final int MAX_SENDER_NONCES = 600;

    private static final int MAX_REMEMBERED_PARAMS = 100_000;

    private final EthAccount recipient;
    private final SimulatedChain chain;
    private final Duration paramsLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<ByteString, Issued> issued = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Issued> eldest) {
            return size() > MAX_REMEMBERED_PARAMS;
        }
    };
    private final Map<ByteString, Set<Long>> seenNonces = new HashMap<>();
    private long noncesReceived;
    private long noncesReused;
    private long noncesSweptAtBlock = -1;
    private BigInteger faceValue;
    private BigInteger winProb;
    private long serial;
    private long expiredUpToSerial;

    private static final class Issued {
        final TicketParams params;
        final long expirationBlock;
        final long serial;

        Issued(TicketParams params, long expirationBlock, long serial) {
            this.params = params;
            this.expirationBlock = expirationBlock;
            this.serial = serial;
        }
    }

    public TicketIssuer(
            EthAccount recipient,
            SimulatedChain chain,
            BigInteger faceValue,
            BigInteger winProb,
            Duration paramsLifetime) {
        this.recipient = recipient;
        this.chain = chain;
        this.paramsLifetime = paramsLifetime;
        setFaceValue(faceValue);
        setWinProb(winProb);
    }

    /** Fresh parameters: new seed and recipientRandHash, expiring {@code paramsLifetime} from now. */
    public synchronized TicketParams newTicketParams() {
        forgetExpiredNonces();
        byte[] seed = new byte[32];
        byte[] recipientRand = new byte[32];
        random.nextBytes(seed);
        random.nextBytes(recipientRand);
        long expirationBlock = chain.currentBlock() + chain.blocksFor(paramsLifetime);
        TicketParams params = TicketParams.newBuilder()
                .setRecipient(ByteString.copyFrom(recipient.address()))
                .setFaceValue(WireValues.unsigned(faceValue))
                .setWinProb(WireValues.unsigned(winProb))
                .setRecipientRandHash(ByteString.copyFrom(Keccak.hash256(recipientRand)))
                .setSeed(WireValues.unsigned(new BigInteger(1, seed)))
                .setExpirationBlock(WireValues.unsigned(expirationBlock))
                .setExpirationParams(CreationRound.current(chain))
                .build();
        issued.put(params.getRecipientRandHash(), new Issued(params, expirationBlock, ++serial));
        return params;
    }

    /**
     * Checks every ticket of {@code payment} and returns what they are worth. Tickets before the
     * first bad one are accepted (as go-livepeer credits them); later ones are not.
     *
     * @throws PaymentException with go-livepeer's message when a ticket is refused
     */
    public synchronized PaymentReceipt receive(Payment payment) throws PaymentException {
        byte[] sender = payment.getSender().toByteArray();
        if (sender.length == 0) {
            throw new PaymentException("Could not find Sender for payment", null);
        }
        sender = WireValues.fixed(sender, 20);
        if (!payment.hasTicketParams()) {
            throw new PaymentException("missing ticket params", new PaymentReceipt(sender, 0, BigRational.ZERO));
        }
        if (payment.getTicketSenderParamsCount() == 0) {
            throw new PaymentException("payment has no tickets", new PaymentReceipt(sender, 0, BigRational.ZERO));
        }
        TicketParams params = payment.getTicketParams();
        TicketExpirationParams expiration = payment.getExpirationParams();
        int accepted = 0;
        BigRational credited = BigRational.ZERO;
        String firstError = null;
        for (TicketSenderParams senderParams : payment.getTicketSenderParamsList()) {
            Ticket ticket = Ticket.of(params, expiration, sender, senderParams.getSenderNonce());
            String fatal = basicCheck(ticket, params, expiration);
            if (fatal != null) {
                throw new PaymentException(fatal, new PaymentReceipt(sender, accepted, credited));
            }
            String error = ticketError(ticket, senderParams);
            if (error != null && firstError == null) {
                firstError = error;
            }
            if (firstError == null) {
                accepted++;
                credited = credited.add(ticket.ev());
            }
        }
        PaymentReceipt receipt = new PaymentReceipt(sender, accepted, credited);
        if (firstError != null) {
            throw new PaymentException(firstError, receipt);
        }
        return receipt;
    }

    /**
     * (recipientRandHash, senderNonce) pairs received with correctly signed tickets, and how many of
     * them had been received before (each of those was refused as "already seen"). Pairs of
     * parameters that expired are forgotten, as go-livepeer forgets them.
     */
    public synchronized NonceCounts nonceCounts() {
        return new NonceCounts(noncesReceived, noncesReused);
    }

    /** See {@link #nonceCounts()}. */
    public record NonceCounts(long received, long reused) {}

    /** Fault injection: every parameter set issued so far counts as expired from now on. */
    public synchronized void expireAllParams() {
        expiredUpToSerial = serial;
    }

    /** Face value of parameters issued from now on. */
    public synchronized void setFaceValue(BigInteger faceValue) {
        if (faceValue.signum() < 0) {
            throw new IllegalArgumentException("negative face value");
        }
        this.faceValue = faceValue;
    }

    /** Win probability (a fraction of 2^256 - 1) of parameters issued from now on. */
    public synchronized void setWinProb(BigInteger winProb) {
        if (winProb.signum() < 0 || winProb.compareTo(TicketMath.MAX_WIN_PROB) > 0) {
            throw new IllegalArgumentException("win probability out of range");
        }
        this.winProb = winProb;
    }

    /** Expected value of one ticket under the current parameters, in wei. */
    public synchronized BigRational ev() {
        return TicketMath.ev(faceValue, winProb);
    }

    public byte[] recipientAddress() {
        return recipient.address();
    }

    /** Checks that, when they fail, make the whole payment worthless (go's fatal receive errors). */
    private String basicCheck(Ticket ticket, TicketParams params, TicketExpirationParams expiration) {
        if (!Arrays.equals(ticket.recipient(), recipient.address())) {
            return INVALID_RECIPIENT;
        }
        if (WireValues.isZero(ticket.sender())) {
            return INVALID_SENDER;
        }
        Issued original = issued.get(ByteString.copyFrom(ticket.recipientRandHash()));
        if (original == null || !sameTerms(original.params, params, expiration)) {
            return INVALID_RECIPIENT_RAND;
        }
        return null;
    }

    private String ticketError(Ticket ticket, TicketSenderParams senderParams) {
        byte[] signer =
                EthAccount.recoverAddress(ticket.hash(), senderParams.getSig().toByteArray());
        if (signer == null || !Arrays.equals(signer, ticket.sender())) {
            return INVALID_SIGNATURE;
        }
        ByteString randHash = ByteString.copyFrom(ticket.recipientRandHash());
        Set<Long> nonces = seenNonces.computeIfAbsent(randHash, k -> new HashSet<>());
        String senderHex = EthAccount.checksumAddress(ticket.sender());
        noncesReceived++;
        if (nonces.contains(ticket.senderNonce())) {
            noncesReused++;
            return "invalid ticket senderNonce: already seen sender=" + senderHex + " nonce=" + ticket.senderNonce();
        }
        if (nonces.size() >= MAX_SENDER_NONCES) {
            return "invalid ticket senderNonce: too many values sender=" + senderHex + " nonce=" + ticket.senderNonce();
        }
        nonces.add(ticket.senderNonce());
        Issued original = issued.get(randHash);
        if (original.expirationBlock <= chain.currentBlock() || original.serial <= expiredUpToSerial) {
            return TICKET_PARAMS_EXPIRED;
        }
        return null;
    }

    /** The payment must carry exactly the terms that were issued, as they feed the recipientRand. */
    private static boolean sameTerms(TicketParams issued, TicketParams paid, TicketExpirationParams expiration) {
        return WireValues.unsigned(issued.getFaceValue()).equals(WireValues.unsigned(paid.getFaceValue()))
                && WireValues.unsigned(issued.getWinProb()).equals(WireValues.unsigned(paid.getWinProb()))
                && WireValues.unsigned(issued.getSeed()).equals(WireValues.unsigned(paid.getSeed()))
                && WireValues.unsigned(issued.getExpirationBlock())
                        .equals(WireValues.unsigned(paid.getExpirationBlock()))
                && issued.getExpirationParams().getCreationRound() == expiration.getCreationRound()
                && Arrays.equals(
                        WireValues.fixed(issued.getExpirationParams().getCreationRoundBlockHash(), 32),
                        WireValues.fixed(expiration.getCreationRoundBlockHash(), 32));
    }

    /** Nonces only matter while their parameters can still be paid with (go drops them likewise). */
    private void forgetExpiredNonces() {
        long now = chain.currentBlock();
        if (now == noncesSweptAtBlock) {
            // nothing can have expired since the last sweep, which ran in this same block
            return;
        }
        noncesSweptAtBlock = now;
        Iterator<Map.Entry<ByteString, Set<Long>>> it = seenNonces.entrySet().iterator();
        while (it.hasNext()) {
            Issued original = issued.get(it.next().getKey());
            if (original == null || original.expirationBlock <= now) {
                it.remove();
            }
        }
    }
}
