package org.livepeer.simulator.payment;

import java.math.BigInteger;
import org.livepeer.proto.SegData;

/**
 * The bytes a payment sender signs in segment credentials ({@code SegData.sig}), laid out as
 * go-livepeer flattens segment metadata: manifest id, sequence number left-padded to 32 bytes and
 * the 32-byte segment hash. (go-livepeer appends the transcoding profiles as hex; AI and live
 * segments have none.)
 */
public final class SegDataSigning {

    private SegDataSigning() {}

    public static byte[] message(SegData segData) {
        byte[] manifestId = segData.getManifestId().toByteArray();
        byte[] seq = leftPad(BigInteger.valueOf(segData.getSeq()).toByteArray());
        byte[] hash = leftPad(segData.getHash().toByteArray());
        byte[] out = new byte[manifestId.length + 64];
        System.arraycopy(manifestId, 0, out, 0, manifestId.length);
        System.arraycopy(seq, 0, out, manifestId.length, 32);
        System.arraycopy(hash, 0, out, manifestId.length + 32, 32);
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
