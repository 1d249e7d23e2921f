package org.livepeer.simulator.payment;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.livepeer.proto.SegData;

/**
 * The bytes a payment sender signs in segment credentials ({@code SegData.sig}), laid out as
 * go-livepeer flattens segment metadata: manifest id, sequence number left-padded to 32 bytes, the
 * 32-byte segment hash, and the profiles as hex.
 */
public final class SegDataSigning {

    private SegDataSigning() {}

    public static byte[] message(SegData segData) {
        byte[] manifestId = segData.getManifestId().toByteArray();
        byte[] seq = leftPad(BigInteger.valueOf(segData.getSeq()).toByteArray());
        byte[] hash = leftPad(segData.getHash().toByteArray());
        byte[] profiles =
                HexFormat.of().formatHex(segData.getProfiles().toByteArray()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[manifestId.length + 64 + profiles.length];
        System.arraycopy(manifestId, 0, out, 0, manifestId.length);
        System.arraycopy(seq, 0, out, manifestId.length, 32);
        System.arraycopy(hash, 0, out, manifestId.length + 32, 32);
        System.arraycopy(profiles, 0, out, manifestId.length + 64, profiles.length);
        return out;
    }

    private static byte[] leftPad(byte[] value) {
        byte[] out = new byte[32];
        int start = value.length > 32 ? value.length - 32 : 0;
        int copy = value.length - start;
        System.arraycopy(value, start, out, 32 - copy, copy);
        return out;
    }
}
