package org.livepeer.gateway.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact amount of wei as a fraction, as go-livepeer keeps balances ({@code big.Rat}): ticket
 * values and per-pixel prices are fractions, and the credit model must agree with the signer's to
 * the last unit to predict when it issues tickets.
 */
record Wei(BigInteger numerator, BigInteger denominator) implements Comparable<Wei> {

    static final Wei ZERO = new Wei(BigInteger.ZERO, BigInteger.ONE);

    Wei {
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
    }

    static Wei of(BigInteger numerator, BigInteger denominator) {
        return new Wei(numerator, denominator);
    }

    static Wei of(long value) {
        return new Wei(BigInteger.valueOf(value), BigInteger.ONE);
    }

    Wei add(Wei other) {
        return new Wei(
                numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Wei subtract(Wei other) {
        return add(other.negate());
    }

    Wei negate() {
        return new Wei(numerator.negate(), denominator);
    }

    Wei multiply(long factor) {
        return new Wei(numerator.multiply(BigInteger.valueOf(factor)), denominator);
    }

    Wei multiply(Wei other) {
        return new Wei(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Wei divide(Wei other) {
        return new Wei(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    Wei max(Wei other) {
        return compareTo(other) >= 0 ? this : other;
    }

    int signum() {
        return numerator.signum();
    }

    /** The smallest integer not below this value. */
    BigInteger ceil() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    BigDecimal toBigDecimal() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128);
    }

    @Override
    public int compareTo(Wei other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
