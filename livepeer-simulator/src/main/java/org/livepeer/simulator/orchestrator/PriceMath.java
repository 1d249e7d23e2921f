package org.livepeer.simulator.orchestrator;

import java.math.BigInteger;
import org.livepeer.proto.PriceInfo;

/** Prices as go-livepeer writes them on the wire: a reduced fraction pricePerUnit / pixelsPerUnit. */
final class PriceMath {

    private PriceMath() {}

    /** {@code a/b + c/d}, reduced. */
    static long[] add(long[] left, long pricePerUnit, long pixelsPerUnit) {
        BigInteger num = BigInteger.valueOf(left[0])
                .multiply(BigInteger.valueOf(pixelsPerUnit))
                .add(BigInteger.valueOf(pricePerUnit).multiply(BigInteger.valueOf(left[1])));
        BigInteger den = BigInteger.valueOf(left[1]).multiply(BigInteger.valueOf(pixelsPerUnit));
        return reduce(num, den);
    }

    static PriceInfo.Builder priceInfo(long pricePerUnit, long pixelsPerUnit) {
        long[] reduced = reduce(BigInteger.valueOf(pricePerUnit), BigInteger.valueOf(pixelsPerUnit));
        return PriceInfo.newBuilder().setPricePerUnit(reduced[0]).setPixelsPerUnit(reduced[1]);
    }

    private static long[] reduce(BigInteger num, BigInteger den) {
        if (num.signum() == 0) {
            return new long[] {0, 1};
        }
        BigInteger gcd = num.gcd(den);
        return new long[] {num.divide(gcd).longValueExact(), den.divide(gcd).longValueExact()};
    }
}
