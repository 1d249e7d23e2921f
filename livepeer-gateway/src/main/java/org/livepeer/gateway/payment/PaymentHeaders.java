package org.livepeer.gateway.payment;

/** The two headers of a paid request: {@code Livepeer-Payment} and {@code Livepeer-Segment}. */
public record PaymentHeaders(String payment, String segment) {

    public static final String PAYMENT = "Livepeer-Payment";
    public static final String SEGMENT = "Livepeer-Segment";
}
