package org.livepeer.simulator.ai;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** The image-making of the simulated runner: cheap, deterministic pixel work. */
final class ImagePainter {

    private ImagePainter() {}

    /** A diagonal gradient between two seed colours with rings whose spacing depends on the seed. */
    static BufferedImage generate(long seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int from = Seeds.colour(seed, 1);
        int to = Seeds.colour(seed, 2);
        int ring = Seeds.colour(seed, 3);
        int spacing = 8 + (int) (Seeds.mix(seed) >>> 59) * 4;
        int cx = width / 2;
        int cy = height / 2;
        double span = Math.max(1, width + height - 2);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int colour = blend(from, to, (x + y) / span);
                int dx = x - cx;
                int dy = y - cy;
                int distance = (int) Math.sqrt((double) dx * dx + (double) dy * dy);
                if (distance % spacing < 2) {
                    colour = blend(colour, ring, 0.6);
                }
                pixels[row + x] = colour;
            }
        }
        return image;
    }

    /**
     * Recolours {@code source} towards a tint from the seed: {@code strength} 0 keeps the image, 1
     * maps its brightness fully onto the tint.
     */
    static BufferedImage tint(BufferedImage source, long seed, double strength) {
        int width = source.getWidth();
        int height = source.getHeight();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int tint = Seeds.colour(seed, 4);
        double s = Math.max(0, Math.min(1, strength));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = source.getRGB(x, y);
                double luma = luma(rgb) / 255.0;
                int toned = scale(tint, luma);
                pixels[y * width + x] = blend(rgb & 0xffffff, toned, s);
            }
        }
        return image;
    }

    /** {@code source} enlarged {@code factor} times with bicubic interpolation. */
    static BufferedImage enlarge(BufferedImage source, int factor) {
        int width = source.getWidth() * factor;
        int height = source.getHeight() * factor;
        return scaled(source, width, height);
    }

    static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A crop of {@code source} ({@code zoom} >= 1 around the centre) scaled to width x height. */
    static BufferedImage zoomed(BufferedImage source, double zoom, int width, int height) {
        int cropWidth = Math.max(1, (int) Math.round(source.getWidth() / zoom));
        int cropHeight = Math.max(1, (int) Math.round(source.getHeight() / zoom));
        int x = (source.getWidth() - cropWidth) / 2;
        int y = (source.getHeight() - cropHeight) / 2;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, x, y, x + cropWidth, y + cropHeight, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    static int luma(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (r * 299 + g * 587 + b * 114) / 1000;
    }

    private static int scale(int rgb, double factor) {
        int r = (int) (((rgb >> 16) & 0xff) * factor);
        int g = (int) (((rgb >> 8) & 0xff) * factor);
        int b = (int) ((rgb & 0xff) * factor);
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int a, int b, double t) {
        int r = mixChannel(a >> 16, b >> 16, t);
        int g = mixChannel(a >> 8, b >> 8, t);
        int bl = mixChannel(a, b, t);
        return (r << 16) | (g << 8) | bl;
    }

    private static int mixChannel(int a, int b, double t) {
        int ca = a & 0xff;
        int cb = b & 0xff;
        return (int) Math.round(ca + (cb - ca) * t);
    }
}
