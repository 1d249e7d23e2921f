package org.livepeer.simulator.live;

/** The paying side of a live session, as its orchestrator keeps it. */
public interface LiveLedger {

    /**
     * Debits {@code units} at the session's price if the balance covers them; false (and nothing
     * debited) when it does not.
     */
    boolean charge(long units);

    /** The current balance in wei, as a rational string. */
    String balance();

    /** A ledger for sessions that pay nothing (offchain, or no price). */
    LiveLedger FREE = new LiveLedger() {
        @Override
        public boolean charge(long units) {
            return true;
        }

        @Override
        public String balance() {
            return "0";
        }
    };
}
