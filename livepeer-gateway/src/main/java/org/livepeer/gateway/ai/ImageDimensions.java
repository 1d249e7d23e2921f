package org.livepeer.gateway.ai;

import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.livepeer.gateway.ai.model.MediaInput;

/** Width and height of an image, read from its header only (as go's {@code image.DecodeConfig}). */
record ImageDimensions(int width, int height) {

    /** Headers (a JPEG's may follow large metadata) must lie within this many bytes. */
    static final int PROBE_LIMIT = 4 * 1024 * 1024;

    long pixels() {
        return (long) width * height;
    }

    static ImageDimensions of(MediaInput image) {
        try {
            ImageDimensions dimensions = image.probe(PROBE_LIMIT, in -> {
                try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
                    Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
                    if (!readers.hasNext()) {
                        return null;
                    }
                    ImageReader reader = readers.next();
                    try {
                        reader.setInput(stream, true, true);
                        return new ImageDimensions(reader.getWidth(0), reader.getHeight(0));
                    } finally {
                        reader.dispose();
                    }
                }
            });
            if (dimensions == null) {
                throw new InvalidAiRequestException("image: unknown format");
            }
            return dimensions;
        } catch (IOException e) {
            throw new InvalidAiRequestException("image: cannot read its size: " + e.getMessage(), e);
        }
    }
}
