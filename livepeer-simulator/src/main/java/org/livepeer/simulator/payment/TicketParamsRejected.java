package org.livepeer.simulator.payment;

/** A sender refuses an orchestrator's ticket parameters; {@link #expired()} means "ask for fresh ones". */
public final class TicketParamsRejected extends Exception {

    private final boolean expired;

    TicketParamsRejected(String message, boolean expired) {
        super(message);
        this.expired = expired;
    }

    public boolean expired() {
        return expired;
    }
}
