package org.livepeer.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.live.LiveJobStats;

class WeiFormatTest {

    /** An expected value as the ticket arithmetic leaves it: a long fraction. */
    private static final BigDecimal EXPECTED_VALUE = new BigDecimal("2500000000")
            .divide(BigDecimal.ONE, new MathContext(35))
            .setScale(25);

    @Test
    void amountsPrintAsWholeWeiInPlainDigits() {
        assertEquals("2500000000", WeiFormat.format(EXPECTED_VALUE));
        assertEquals("3", WeiFormat.format(new BigDecimal("2.5")));
        assertEquals("100000000000000000000", WeiFormat.format(new BigDecimal("1E+20")));
    }

    @Test
    void statsShowPaidWeiAsAPlainNumber() {
        String payments = new PaymentStats(2, 5, EXPECTED_VALUE, 0, null, Instant.EPOCH).toString();
        String live = new LiveJobStats("m", "o:1", 1, 2, 3, 4, 5, 6, EXPECTED_VALUE, 0, null).toString();

        assertTrue(payments.contains("paidWei=2500000000,"), payments);
        assertTrue(live.contains("paidWei=2500000000,"), live);
    }
}
