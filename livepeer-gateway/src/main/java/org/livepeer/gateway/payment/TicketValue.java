package org.livepeer.gateway.payment;

import java.math.BigInteger;
import java.util.Base64;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PriceInfo;
import org.livepeer.proto.TicketParams;

/** Ticket and price arithmetic: a ticket is worth face value × win probability / (2^256 − 1). */
final class TicketValue {

    private static final BigInteger MAX_WIN_PROB = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private TicketValue() {}

    /** Tickets in a payment. */
    static int tickets(Payment payment) {
        return payment.getTicketSenderParamsCount();
    }

    /** The expected value of one ticket under {@code params}. */
    static Wei ev(TicketParams params) {
        BigInteger faceValue = new BigInteger(1, params.getFaceValue().toByteArray());
        BigInteger winProb = new BigInteger(1, params.getWinProb().toByteArray());
        return Wei.of(faceValue.multiply(winProb), MAX_WIN_PROB);
    }

    /** The expected value of all tickets of a payment. */
    static Wei expectedValue(Payment payment) {
        if (!payment.hasTicketParams()) {
            return Wei.ZERO;
        }
        return ev(payment.getTicketParams()).multiply(payment.getTicketSenderParamsCount());
    }

    /** Wei per pixel (unit) of a price, or zero when it has no pixels per unit. */
    static Wei pricePerPixel(PriceInfo price) {
        if (price.getPixelsPerUnit() <= 0) {
            return Wei.ZERO;
        }
        return Wei.of(BigInteger.valueOf(price.getPricePerUnit()), BigInteger.valueOf(price.getPixelsPerUnit()));
    }

    static Wei pricePerPixel(OrchestratorInfo info) {
        return pricePerPixel(info.getPriceInfo());
    }

    static Payment decode(String base64) {
        try {
            return Payment.parseFrom(Base64.getDecoder().decode(base64));
        } catch (Exception e) {
            return Payment.getDefaultInstance();
        }
    }
}
