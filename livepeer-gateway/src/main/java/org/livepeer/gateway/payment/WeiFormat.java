package org.livepeer.gateway.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Wei amounts for people: whole wei, plain digits (an expected value carries a long fraction). */
public final class WeiFormat {

    private WeiFormat() {}

    public static String format(BigDecimal wei) {
        return wei == null ? "null" : wei.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }
}
