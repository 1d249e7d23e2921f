package org.livepeer.simulator.payment;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import org.livepeer.proto.TicketExpirationParams;
import org.livepeer.simulator.eth.Keccak;
import org.livepeer.simulator.eth.SimulatedChain;

/** The creation round a ticket names, with the (simulated) hash of the block that started it. */
public final class CreationRound {

    private CreationRound() {}

    public static TicketExpirationParams current(SimulatedChain chain) {
        long round = chain.currentRound();
        return TicketExpirationParams.newBuilder()
                .setCreationRound(round)
                .setCreationRoundBlockHash(ByteString.copyFrom(blockHash(round)))
                .build();
    }

    /** A stand-in for the hash of the round's first block: deterministic, never zero. */
    static byte[] blockHash(long round) {
        return Keccak.hash256(
                "simulated-round-block".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                WireValues.word(BigInteger.valueOf(round)));
    }
}
