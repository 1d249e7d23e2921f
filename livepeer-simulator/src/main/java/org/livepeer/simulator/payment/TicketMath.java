package org.livepeer.simulator.payment;

import java.math.BigInteger;

/** The arithmetic both ends of a payment must agree on. */
public final class TicketMath {

    /** A win probability is a fraction of 2^256 - 1 (go-livepeer's maxWinProb). */
    public static final BigInteger MAX_WIN_PROB = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private TicketMath() {}

    /** Expected value of one ticket: faceValue × winProb / (2^256 - 1). */
    public static BigRational ev(BigInteger faceValue, BigInteger winProb) {
        return BigRational.of(faceValue.multiply(winProb), MAX_WIN_PROB);
    }

    /** The win probability that makes a ticket of {@code faceValue} worth {@code ev} (rounded up). */
    public static BigInteger winProbFor(BigInteger faceValue, BigInteger ev) {
        if (faceValue.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (faceValue.equals(ev)) {
            return MAX_WIN_PROB;
        }
        BigInteger[] qr = MAX_WIN_PROB.divideAndRemainder(faceValue);
        BigInteger quotient = qr[1].signum() != 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return ev.multiply(quotient);
    }

    /**
     * How many tickets bring {@code existingCredit} up to {@code minCredit} (go-livepeer's
     * {@code Balance.StageUpdate}): none when the credit already suffices or tickets are worthless,
     * otherwise the credit gap divided by the ticket EV, rounded up.
     */
    public static long ticketsNeeded(BigRational existingCredit, BigRational minCredit, BigRational ev) {
        if (existingCredit.compareTo(minCredit) >= 0 || ev.signum() == 0) {
            return 0;
        }
        return minCredit.subtract(existingCredit).divide(ev).ceil().longValueExact();
    }
}
