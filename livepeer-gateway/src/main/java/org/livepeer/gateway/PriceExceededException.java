package org.livepeer.gateway;

import java.math.BigDecimal;

/**
 * An orchestrator's price exceeds a ceiling: the signer refused to pay it (HTTP 481), or the gateway
 * refused before asking the signer (then {@link #price()} and {@link #ceiling()} are known and
 * {@link #signerUrl()} is null). Use another orchestrator.
 */
public class PriceExceededException extends SignerException {

    private final String orchestrator;
    private final BigDecimal price;
    private final BigDecimal ceiling;

    public PriceExceededException(String signerUrl, String orchestrator, String message) {
        super(signerUrl, 481, message + " (orchestrator " + orchestrator + ")", null);
        this.orchestrator = orchestrator;
        this.price = null;
        this.ceiling = null;
    }

    /**
     * Refused by the gateway itself: {@code price} wei per {@code unit} is above {@code ceiling};
     * {@code what} names what was priced (e.g. the app) and {@code option} the setting that holds the ceiling.
     */
    public PriceExceededException(
            String orchestrator, String what, BigDecimal price, BigDecimal ceiling, String unit, String option) {
        super(
                "the price of " + what + " on " + orchestrator + ", " + price.toPlainString() + " wei per " + unit
                        + ", is above the ceiling " + option + "=" + ceiling.toPlainString() + " wei per " + unit
                        + "; nothing was paid",
                null,
                481,
                null);
        this.orchestrator = orchestrator;
        this.price = price;
        this.ceiling = ceiling;
    }

    public String orchestrator() {
        return orchestrator;
    }

    /** The price that was refused, when the gateway refused it itself; else null. */
    public BigDecimal price() {
        return price;
    }

    /** The ceiling the price exceeded, when the gateway refused it itself; else null. */
    public BigDecimal ceiling() {
        return ceiling;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
