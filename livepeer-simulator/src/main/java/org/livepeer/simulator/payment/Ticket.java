package org.livepeer.simulator.payment;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.livepeer.proto.TicketExpirationParams;
import org.livepeer.proto.TicketParams;
import org.livepeer.simulator.eth.Keccak;

/**
 * One probabilistic-micropayment ticket, with the fields its sender signs. The hash is
 * go-livepeer's: Keccak-256 over the tightly packed fields, as the TicketBroker contract computes
 * it; both the signer and the orchestrators use this one definition.
 */
public record Ticket(
        byte[] recipient,
        byte[] sender,
        BigInteger faceValue,
        BigInteger winProb,
        long senderNonce,
        byte[] recipientRandHash,
        long creationRound,
        byte[] creationRoundBlockHash) {

    /** The ticket a payment carries for {@code senderNonce}, its fields normalised as Go does. */
    public static Ticket of(TicketParams params, TicketExpirationParams expiration, byte[] sender, int senderNonce) {
        return new Ticket(
                WireValues.fixed(params.getRecipient(), 20),
                WireValues.fixed(sender, 20),
                WireValues.unsigned(params.getFaceValue()),
                WireValues.unsigned(params.getWinProb()),
                Integer.toUnsignedLong(senderNonce),
                WireValues.fixed(params.getRecipientRandHash(), 32),
                expiration.getCreationRound(),
                WireValues.fixed(expiration.getCreationRoundBlockHash(), 32));
    }

    public byte[] hash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(recipient);
        out.writeBytes(sender);
        out.writeBytes(WireValues.word(faceValue));
        out.writeBytes(WireValues.word(winProb));
        out.writeBytes(WireValues.word(BigInteger.valueOf(senderNonce)));
        out.writeBytes(recipientRandHash);
        out.writeBytes(auxData(creationRound, creationRoundBlockHash));
        return Keccak.hash256(out.toByteArray());
    }

    public BigRational ev() {
        return TicketMath.ev(faceValue, winProb);
    }

    /** Creation round and its block hash, or nothing when both are zero (older senders). */
    static byte[] auxData(long creationRound, byte[] blockHash) {
        if (creationRound == 0 && WireValues.isZero(blockHash)) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(WireValues.word(BigInteger.valueOf(creationRound)));
        out.writeBytes(blockHash);
        return out.toByteArray();
    }
}
