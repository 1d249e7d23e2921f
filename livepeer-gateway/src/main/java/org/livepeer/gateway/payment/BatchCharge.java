package org.livepeer.gateway.payment;

import java.math.BigDecimal;

/**
 * The payment of one batch request: the headers to send, what they carry, and how the request
 * ended, which the credit must learn: exactly one of {@link #served()}, {@link #notServed(boolean)},
 * {@link #lost()} or {@link #refused()}. Later calls are ignored.
 */
public final class BatchCharge {

    private final BatchPayments payments;
    private final long generation;
    private final Wei fee;
    private final PaymentHeaders headers;
    private final int tickets;
    private final Wei ticketValue;
    private final Wei risk;
    private boolean settled;

    BatchCharge(
            BatchPayments payments,
            long generation,
            Wei fee,
            PaymentHeaders headers,
            int tickets,
            Wei value,
            Wei risk) {
        this.payments = payments;
        this.risk = risk;
        this.generation = generation;
        this.fee = fee;
        this.headers = headers;
        this.tickets = tickets;
        this.ticketValue = value;
    }

    public PaymentHeaders headers() {
        return headers;
    }

    /** Tickets sent with this request (0 when the credit covered it). */
    public int tickets() {
        return tickets;
    }

    /** Expected value of the tickets sent with this request, in wei. */
    public BigDecimal ticketValueWei() {
        return ticketValue.toBigDecimal();
    }

    /** What the orchestrator debits for the request: price × units, in wei. */
    public BigDecimal feeWei() {
        return fee.toBigDecimal();
    }

    /** The orchestrator did the work: it credited the tickets and debited the fee. */
    public synchronized void served() {
        settle(true, true);
    }

    /**
     * The orchestrator answered with an error without doing the work: the fee goes back to the
     * credit. {@code paymentProcessed} tells whether it got as far as crediting the tickets
     * (go-livepeer checks capacity and the request before the payment, the runner after).
     */
    public synchronized void notServed(boolean paymentProcessed) {
        settle(paymentProcessed, false);
    }

    /** The outcome is unknown (the connection failed): assume the tickets lost and the fee debited. */
    public synchronized void lost() {
        settle(false, true);
    }

    private void settle(boolean credited, boolean debited) {
        if (!settled && generation >= 0) {
            settled = true;
            payments.settle(generation, fee, ticketValue, risk, credited, debited);
        }
    }

    /** The orchestrator refused the payment (tickets, balance or credentials): the credit is reset. */
    public synchronized void refused() {
        if (!settled && generation >= 0) {
            settled = true;
            payments.reset(generation);
        }
    }
}
