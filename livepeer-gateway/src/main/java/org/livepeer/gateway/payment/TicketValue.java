package org.livepeer.gateway.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Base64;
import org.livepeer.proto.Payment;

/** The expected value of a payment's tickets: face value × win probability / (2^256 − 1) each. */
final class TicketValue {

    private static final BigDecimal MAX_WIN_PROB =
            new BigDecimal(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));

    private TicketValue() {}

    /** Tickets in a base64 {@code Payment}; 0 when it is empty or unreadable. */
    static int tickets(Payment payment) {
        return payment.getTicketSenderParamsCount();
    }

    static BigDecimal expectedValue(Payment payment) {
        if (!payment.hasTicketParams()) {
            return BigDecimal.ZERO;
        }
        BigInteger faceValue =
                new BigInteger(1, payment.getTicketParams().getFaceValue().toByteArray());
        BigInteger winProb =
                new BigInteger(1, payment.getTicketParams().getWinProb().toByteArray());
        BigDecimal each = new BigDecimal(faceValue.multiply(winProb)).divide(MAX_WIN_PROB, MathContext.DECIMAL128);
        return each.multiply(BigDecimal.valueOf(payment.getTicketSenderParamsCount()));
    }

    static Payment decode(String base64) {
        try {
            return Payment.parseFrom(Base64.getDecoder().decode(base64));
        } catch (Exception e) {
            return Payment.getDefaultInstance();
        }
    }
}
