package org.livepeer.simulator.payment;

/**
 * A payment the recipient refuses, with go-livepeer's error text (gateways match on it, e.g.
 * "TicketParams expired" and "invalid ticket senderNonce"). Tickets before the first bad one
 * still count, as in go-livepeer: {@link #accepted()} says how much.
 */
public final class PaymentException extends Exception {

    private final transient PaymentReceipt accepted;

    public PaymentException(String message, PaymentReceipt accepted) {
        super(message);
        this.accepted = accepted;
    }

    /** The tickets accepted before the failure (possibly none); null when the payment had no sender. */
    public PaymentReceipt accepted() {
        return accepted;
    }
}
