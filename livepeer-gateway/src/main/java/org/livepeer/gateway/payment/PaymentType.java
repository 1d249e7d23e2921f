package org.livepeer.gateway.payment;

/** How the signer prices a payment. */
public enum PaymentType {
    /** Live video-to-video: 720p pixels per second since the last payment (60 s preloaded). */
    LV2V("lv2v"),
    /** Live: seconds since the last payment. */
    LIVE("live"),
    /** One fixed unit per request. */
    FIXED("fixed"),
    /** Batch work priced per pixel ({@code inPixels}). */
    PER_PIXEL(null);

    private final String wireName;

    PaymentType(String wireName) {
        this.wireName = wireName;
    }

    /** The signer's {@code type} field, or null for per-pixel payments. */
    public String wireName() {
        return wireName;
    }
}
