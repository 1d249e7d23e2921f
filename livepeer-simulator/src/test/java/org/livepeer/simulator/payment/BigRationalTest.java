package org.livepeer.simulator.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BigRationalTest {

    @Test
    void printsAndParsesGoRatStrings() {
        assertEquals("3/2", BigRational.of(6, 4).toRatString());
        assertEquals("5", BigRational.of(10, 2).toRatString());
        assertEquals("-1/3", BigRational.of(1, -3).toRatString());
        assertEquals(BigRational.of(6, 4), BigRational.parse("3/2"));
        assertEquals(BigRational.of(42), BigRational.parse("42"));
        assertEquals(BigRational.of(1, 4), BigRational.parse("0.25"));
        assertEquals(BigRational.of(1, 1000), BigRational.parse("1e-3"));
        assertThrows(NumberFormatException.class, () -> BigRational.parse("1/0"));
        assertThrows(NumberFormatException.class, () -> BigRational.parse("abc"));
    }

    @Test
    void computesExactlyAndRoundsLikeGoFloatString() {
        BigRational third = BigRational.of(1, 3);
        assertEquals(BigRational.ONE, third.add(third).add(third));
        assertEquals(BigRational.of(1, 6), third.subtract(BigRational.of(1, 6)));
        assertEquals("0.333", third.toFloatString(3));
        assertEquals("0.667", BigRational.of(2, 3).toFloatString(3));
        assertEquals("-0.500", BigRational.of(-1, 2).toFloatString(3));
        assertEquals("3", BigRational.of(5, 2).toFloatString(0));
        assertEquals(BigInteger.valueOf(3), BigRational.of(5, 2).ceil());
        assertEquals(BigInteger.valueOf(2), BigRational.of(2).ceil());
    }

    @Test
    void ticketCountCoversTheCreditGap() {
        BigRational ev = BigRational.of(1000);
        assertEquals(0, TicketMath.ticketsNeeded(BigRational.of(1500), BigRational.of(1500), ev));
        assertEquals(1, TicketMath.ticketsNeeded(BigRational.ZERO, BigRational.of(1000), ev));
        assertEquals(2, TicketMath.ticketsNeeded(BigRational.of(1, 2), BigRational.of(1001), ev));
        assertEquals(0, TicketMath.ticketsNeeded(BigRational.ZERO, BigRational.of(5), BigRational.ZERO));
    }

    @Test
    void winProbabilityGivesTheRequestedExpectedValue() {
        BigInteger faceValue = BigInteger.valueOf(1_000_000_000_000L);
        BigInteger winProb = TicketMath.winProbFor(faceValue, BigInteger.valueOf(1_000_000));
        BigRational ev = TicketMath.ev(faceValue, winProb);
        // Rounding the probability up may add less than one wei.
        assertEquals(BigInteger.valueOf(1_000_001), ev.ceil());
        assertEquals(-1, BigRational.of(1_000_000).compareTo(ev));
    }
}
