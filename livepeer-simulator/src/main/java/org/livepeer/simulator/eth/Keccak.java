package org.livepeer.simulator.eth;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's Keccak-256 (not NIST SHA3-256: the padding differs). */
public final class Keccak {

    private Keccak() {}

    public static byte[] hash256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
