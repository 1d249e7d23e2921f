package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;

/** The simulated captioner: describes shape, size, dominant colour and brightness of an image. */
final class ImageCaptioner {

    private record NamedColour(String name, int rgb) {}

    private static final NamedColour[] COLOURS = {
        new NamedColour("black", 0x000000), new NamedColour("white", 0xffffff),
        new NamedColour("grey", 0x808080), new NamedColour("red", 0xd03030),
        new NamedColour("orange", 0xf09020), new NamedColour("yellow", 0xe0d030),
        new NamedColour("green", 0x30a040), new NamedColour("teal", 0x208080),
        new NamedColour("blue", 0x3050d0), new NamedColour("purple", 0x8040b0),
        new NamedColour("pink", 0xf080b0), new NamedColour("brown", 0x805030)
    };

    private ImageCaptioner() {}

    static String caption(BufferedImage image, String prompt) {
        int width = image.getWidth();
        int height = image.getHeight();
        long red = 0;
        long green = 0;
        long blue = 0;
        long topLuma = 0;
        long bottomLuma = 0;
        int step = Math.max(1, (int) Math.sqrt((double) width * height / 40_000));
        long samples = 0;
        for (int y = 0; y < height; y += step) {
            for (int x = 0; x < width; x += step) {
                int rgb = image.getRGB(x, y);
                red += (rgb >> 16) & 0xff;
                green += (rgb >> 8) & 0xff;
                blue += rgb & 0xff;
                if (y < height / 2) {
                    topLuma += ImagePainter.luma(rgb);
                } else {
                    bottomLuma += ImagePainter.luma(rgb);
                }
                samples++;
            }
        }
        int average = (int) (red / samples) << 16 | (int) (green / samples) << 8 | (int) (blue / samples);
        String shape = width == height ? "square" : width > height ? "landscape" : "portrait";
        String light = topLuma == bottomLuma
                ? "evenly lit"
                : topLuma > bottomLuma ? "brighter at the top" : "brighter at the bottom";
        String caption =
                "a " + shape + " " + width + "x" + height + " picture, mostly " + nearest(average) + ", " + light;
        return prompt == null || prompt.isBlank() ? caption : prompt.strip() + " " + caption;
    }

    private static String nearest(int rgb) {
        NamedColour best = COLOURS[0];
        long bestDistance = Long.MAX_VALUE;
        for (NamedColour colour : COLOURS) {
            long distance = distance(rgb, colour.rgb);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = colour;
            }
        }
        return best.name;
    }

    private static long distance(int a, int b) {
        long dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        long dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        long db = (a & 0xff) - (b & 0xff);
        return dr * dr + dg * dg + db * db;
    }
}
