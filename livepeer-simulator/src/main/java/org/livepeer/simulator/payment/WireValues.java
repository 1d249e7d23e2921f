package org.livepeer.simulator.payment;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.HexFormat;

/** How the wire contract encodes numbers, addresses and hashes (as go-livepeer does). */
public final class WireValues {

    private WireValues() {}

    /** Go's {@code big.Int.Bytes()}: unsigned big-endian, minimal, empty for zero. */
    public static ByteString unsigned(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (value.signum() == 0) {
            return ByteString.EMPTY;
        }
        byte[] raw = value.toByteArray();
        int skip = raw[0] == 0 ? 1 : 0;
        return ByteString.copyFrom(raw, skip, raw.length - skip);
    }

    public static ByteString unsigned(long value) {
        return unsigned(BigInteger.valueOf(value));
    }

    public static BigInteger unsigned(ByteString bytes) {
        return new BigInteger(1, bytes.toByteArray());
    }

    /**
     * Go's {@code BytesToAddress}/{@code BytesToHash}: keeps the last {@code size} bytes, left-pads
     * shorter input with zeros.
     */
    public static byte[] fixed(byte[] bytes, int size) {
        byte[] out = new byte[size];
        int copy = Math.min(bytes.length, size);
        System.arraycopy(bytes, bytes.length - copy, out, size - copy, copy);
        return out;
    }

    public static byte[] fixed(ByteString bytes, int size) {
        return fixed(bytes.toByteArray(), size);
    }

    /** A left-padded 32-byte word (Solidity's uint256). */
    public static byte[] word(BigInteger value) {
        return fixed(unsigned(value).toByteArray(), 32);
    }

    public static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case "0x…" hex, as Go's {@code Hash.Hex()}. */
    public static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
