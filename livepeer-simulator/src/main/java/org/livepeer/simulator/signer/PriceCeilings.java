package org.livepeer.simulator.signer;

import org.livepeer.simulator.payment.BigRational;

/** The price limits a payment must respect, checked as go-livepeer's remote signer does. */
final class PriceCeilings {

    private PriceCeilings() {}

    record Ceiling(String source, BigRational price) {}

    /**
     * Parses a request's {@code maxPrice}: positive, in wei, in the unit the payment type bills
     * (the price itself is compared as given, without unit conversion, as go does).
     */
    static BigRational parseMaxPrice(LivePaymentRequest.MaxPrice maxPrice, String type) throws SignerError {
        if (maxPrice == null) {
            return null;
        }
        BigRational price;
        try {
            price = BigRational.parse(maxPrice.price());
        } catch (NumberFormatException | ArithmeticException e) {
            price = null;
        }
        if (price == null || price.signum() <= 0) {
            throw SignerError.badRequest("maxPrice.price must be a positive decimal");
        }
        if (!maxPrice.currency().trim().equalsIgnoreCase("wei")) {
            throw SignerError.badRequest("maxPrice.currency must be wei");
        }
        String expectedUnit =
                switch (type) {
                    case BillableUnits.LIVE -> "seconds";
                    case BillableUnits.LV2V -> "720p-pixel-seconds";
                    case BillableUnits.FIXED -> "fixed";
                    default -> throw SignerError.badRequest("maxPrice requires payment type live, lv2v, or fixed");
                };
        if (!maxPrice.unit().trim().toLowerCase(java.util.Locale.ROOT).equals(expectedUnit)) {
            throw SignerError.badRequest("maxPrice.unit must be " + expectedUnit + " for payment type " + type);
        }
        return price;
    }

    /** Refuses {@code orchestratorPrice} above the lowest of the ceilings that are set, with 481. */
    static void check(BigRational orchestratorPrice, Ceiling... ceilings) throws SignerError {
        Ceiling lowest = null;
        for (Ceiling ceiling : ceilings) {
            if (ceiling.price() != null && (lowest == null || ceiling.price().compareTo(lowest.price()) < 0)) {
                lowest = ceiling;
            }
        }
        if (lowest != null && orchestratorPrice.compareTo(lowest.price()) > 0) {
            throw new SignerError(
                    RemoteSigner.STATUS_PRICE_EXCEEDED,
                    "orchestrator price " + orchestratorPrice.toFloatString(3) + " exceeds " + lowest.source()
                            + " ceiling " + lowest.price().toFloatString(3));
        }
    }
}
