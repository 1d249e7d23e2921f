package org.livepeer.gateway.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a payment session has paid: payments made, tickets sent, their expected value in wei,
 * cycles skipped because the balance still covered the work (482), and the last error.
 */
public record PaymentStats(
        long payments, long tickets, BigDecimal paidWei, long skipped, String lastError, Instant lastPaymentAt) {

    @Override
    public String toString() {
        return "PaymentStats[payments=" + payments + ", tickets=" + tickets + ", paidWei=" + WeiFormat.format(paidWei)
                + ", skipped=" + skipped + ", lastError=" + lastError + ", lastPaymentAt=" + lastPaymentAt + "]";
    }
}
