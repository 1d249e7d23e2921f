package org.livepeer.gateway.apps;

import java.time.Instant;
import org.livepeer.gateway.payment.PaymentType;

/**
 * What a session paid: signed payments (the reservation's included), cycles the signer skipped (no
 * tickets due), when it last paid and the last payment error (null once a payment succeeds again).
 * {@code type} is null for a free (offchain) session.
 */
public record AppPaymentStats(PaymentType type, long payments, long skipped, Instant lastPaymentAt, String lastError) {

    static final AppPaymentStats FREE = new AppPaymentStats(null, 0, 0, null, null);
}
