package org.livepeer.simulator.signer;

import java.time.Duration;

/** How many units a payment covers, per job type (go-livepeer's remote signer billing). */
final class BillableUnits {

    static final String LV2V = "lv2v";
    static final String LIVE = "live";
    static final String FIXED = "fixed";

    /** lv2v bills 1280x720 pixels at 30 fps, whatever the stream really is. */
    static final double LV2V_PIXELS_PER_SECOND = 1280.0 * 720.0 * 30.0;

    static final Duration LV2V_PRELOAD = Duration.ofSeconds(60);
    static final Duration LIVE_PRELOAD = Duration.ofSeconds(10);

    private BillableUnits() {}

    /**
     * @param sinceLastPayment time since the session's last payment; zero or negative on the first
     *     one, which pays in advance
     * @param inPixels         the request's pixel count, used when {@code type} is empty
     */
    static long of(String type, Duration sinceLastPayment, long inPixels) throws SignerError {
        double seconds = sinceLastPayment.toNanos() / 1e9;
        long units =
                switch (type) {
                    case LV2V -> (long) (LV2V_PIXELS_PER_SECOND * (seconds > 0 ? seconds : seconds(LV2V_PRELOAD)));
                    case LIVE -> (long) Math.ceil(seconds > 0 ? seconds : seconds(LIVE_PRELOAD));
                    case FIXED -> 1;
                    case "" -> inPixels;
                    default -> throw SignerError.badRequest("invalid job type");
                };
        if (units <= 0) {
            throw SignerError.badRequest("missing billable unit or job type");
        }
        return units;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
