package org.livepeer.simulator.ai;

import java.util.Locale;

/**
 * The simulated segmenter: soft elliptical masks around the prompt (box, first point, or the image
 * centre), printed as the runner prints NumPy arrays ({@code str(array.tolist())}). Masks are
 * N x H x W, scores N, low-resolution logits N x 256 x 256, with N = 3 for multimask output.
 */
final class MaskPredictor {

    static final int LOW_RES = 256;
    private static final double LOGIT_RANGE = 8;

    /** The region to segment, in image pixels. */
    record Region(double centreX, double centreY, double radiusX, double radiusY) {}

    private MaskPredictor() {}

    static AiResponses.MasksResponse predict(int width, int height, Region region, boolean multimask, boolean logits) {
        int count = multimask ? 3 : 1;
        StringBuilder masks =
                new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, (long) count * width * height * 6));
        StringBuilder scores = new StringBuilder("[");
        StringBuilder lowRes = new StringBuilder(count * LOW_RES * LOW_RES * 6);
        masks.append('[');
        lowRes.append('[');
        for (int m = 0; m < count; m++) {
            // Each extra mask widens the region, like SAM's sub-part / part / whole candidates.
            double grow = 1 + 0.25 * m;
            Region grown = new Region(region.centreX, region.centreY, region.radiusX * grow, region.radiusY * grow);
            separator(masks, m);
            grid(masks, width, height, grown, 1, 1, logits);
            separator(lowRes, m);
            grid(lowRes, LOW_RES, LOW_RES, grown, (double) width / LOW_RES, (double) height / LOW_RES, true);
            separator(scores, m);
            scores.append(decimal(0.95 - 0.1 * m, 4));
        }
        masks.append(']');
        lowRes.append(']');
        scores.append(']');
        return new AiResponses.MasksResponse(masks.toString(), scores.toString(), lowRes.toString());
    }

    private static void grid(
            StringBuilder out, int columns, int rows, Region region, double stepX, double stepY, boolean logits) {
        out.append('[');
        for (int y = 0; y < rows; y++) {
            separator(out, y);
            out.append('[');
            for (int x = 0; x < columns; x++) {
                separator(out, x);
                double logit = logit(region, (x + 0.5) * stepX, (y + 0.5) * stepY);
                if (logits) {
                    out.append(decimal(logit, 1));
                } else {
                    out.append(logit > 0 ? "True" : "False");
                }
            }
            out.append(']');
        }
        out.append(']');
    }

    /** Positive inside the ellipse, negative outside, saturating at +-8 like SAM's logits. */
    private static double logit(Region region, double x, double y) {
        double dx = (x - region.centreX) / Math.max(1, region.radiusX);
        double dy = (y - region.centreY) / Math.max(1, region.radiusY);
        double distance = Math.sqrt(dx * dx + dy * dy);
        return Math.max(-LOGIT_RANGE, Math.min(LOGIT_RANGE, (1 - distance) * LOGIT_RANGE * 2));
    }

    private static void separator(StringBuilder out, int index) {
        if (index > 0) {
            out.append(", ");
        }
    }

    /** Python's float printing for these values: always a decimal point, {@code -0.0} avoided. */
    private static String decimal(double value, int places) {
        double factor = Math.pow(10, places);
        double rounded = Math.round(value * factor) / factor;
        if (rounded == 0) {
            rounded = 0;
        }
        String text = String.format(Locale.ROOT, "%." + places + "f", rounded);
        while (text.endsWith("0") && !text.endsWith(".0")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
