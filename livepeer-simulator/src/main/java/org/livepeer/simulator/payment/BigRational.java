package org.livepeer.simulator.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact rational number, always in lowest terms with a positive denominator; the amounts of
 * the payment protocol (wei, fractions of wei, ticket EVs) in the textual forms of Go's
 * {@code big.Rat}.
 */
public final class BigRational implements Comparable<BigRational> {

    public static final BigRational ZERO = new BigRational(BigInteger.ZERO, BigInteger.ONE);
    public static final BigRational ONE = new BigRational(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger numerator;
    private final BigInteger denominator;

    private BigRational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static BigRational of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        return new BigRational(numerator, denominator);
    }

    public static BigRational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static BigRational of(BigInteger value) {
        return new BigRational(value, BigInteger.ONE);
    }

    public static BigRational of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /**
     * Parses what Go's {@code big.Rat.SetString} accepts in practice: "a/b", an integer, or a
     * decimal number with optional exponent ("0.25", "1e-3").
     *
     * @throws NumberFormatException when {@code text} is none of these
     */
    public static BigRational parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            BigInteger num = new BigInteger(s.substring(0, slash));
            String den = s.substring(slash + 1);
            if (den.startsWith("+") || den.startsWith("-")) {
                throw new NumberFormatException("signed denominator: " + text);
            }
            BigInteger d = new BigInteger(den);
            if (d.signum() == 0) {
                throw new NumberFormatException("zero denominator: " + text);
            }
            return of(num, d);
        }
        return of(new BigDecimal(s));
    }

    public static BigRational of(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        int scale = value.scale();
        if (scale <= 0) {
            return of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
        }
        return of(unscaled, BigInteger.TEN.pow(scale));
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    public int signum() {
        return numerator.signum();
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    public BigRational add(BigRational other) {
        return of(
                numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public BigRational subtract(BigRational other) {
        return add(other.negate());
    }

    public BigRational negate() {
        return new BigRational(numerator.negate(), denominator);
    }

    public BigRational multiply(BigRational other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public BigRational multiply(long factor) {
        return multiply(of(factor));
    }

    public BigRational divide(BigRational other) {
        if (other.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    /** The smallest integer not less than this value. */
    public BigInteger ceil() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    public BigRational max(BigRational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Go's {@code RatString}: "a/b", or "a" when the denominator is 1. */
    public String toRatString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }

    /** Go's {@code FloatString(digits)}: decimal, rounded half away from zero. */
    public String toFloatString(int digits) {
        return new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), digits, RoundingMode.HALF_UP)
                .toPlainString();
    }

    @Override
    public int compareTo(BigRational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BigRational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numerator, denominator);
    }

    @Override
    public String toString() {
        return toRatString();
    }
}
