package org.livepeer.simulator.apps;

/**
 * A live runner's price in wei, as discovery advertises it (already converted from the operator's
 * USD price): per second of session, or once per session.
 *
 * @param wei  the price of one unit
 * @param unit {@code seconds} or {@code fixed}
 */
public record RunnerPrice(long wei, String unit) {

    public static final String SECONDS = "seconds";
    public static final String FIXED = "fixed";

    public RunnerPrice {
        if (wei <= 0) {
            throw new IllegalArgumentException("runner price must be positive, was " + wei + " wei");
        }
        if (!SECONDS.equals(unit) && !FIXED.equals(unit)) {
            throw new IllegalArgumentException("runner price unit must be seconds or fixed, was " + unit);
        }
    }

    /** {@code wei} for every second the session is reserved, debited each payment interval. */
    public static RunnerPrice perSecond(long wei) {
        return new RunnerPrice(wei, SECONDS);
    }

    /** {@code wei} once, when the session is reserved. */
    public static RunnerPrice fixed(long wei) {
        return new RunnerPrice(wei, FIXED);
    }

    public boolean isFixed() {
        return FIXED.equals(unit);
    }
}
