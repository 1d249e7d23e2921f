package org.livepeer.gateway.apps;

import java.math.BigDecimal;
import java.util.Locale;
import org.livepeer.gateway.payment.PaymentType;

/**
 * A runner's advertised price: {@code price} wei per {@code unit} ({@code seconds}, {@code fixed} for
 * once per session or call, or {@code 720p-pixel-seconds}).
 */
public record RunnerPrice(BigDecimal price, String currency, String unit) {

    public static final String SECONDS = "seconds";
    public static final String FIXED = "fixed";
    public static final String PIXEL_SECONDS = "720p-pixel-seconds";

    /** How the signer is asked to pay this price; null for a unit it cannot pay. */
    public PaymentType paymentType() {
        return switch (unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT)) {
            case SECONDS -> PaymentType.LIVE;
            case FIXED -> PaymentType.FIXED;
            case PIXEL_SECONDS -> PaymentType.LV2V;
            default -> null;
        };
    }

    /** Whether the session is paid once (at reservation) rather than over time. */
    public boolean isFixed() {
        return paymentType() == PaymentType.FIXED;
    }

    /** The unit as a reader says it: {@code second}, {@code call}, {@code 720p pixel-second}. */
    public static String unitName(String unit) {
        return switch (unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT)) {
            case SECONDS -> "second";
            case FIXED -> "call";
            case PIXEL_SECONDS -> "720p pixel-second";
            default -> unit;
        };
    }

    @Override
    public String toString() {
        return price.toPlainString() + " wei per " + unitName(unit);
    }
}
