package org.livepeer.camel;

import java.util.Locale;

/** How a live consumer hands over each output segment. */
public enum SegmentBody {
    /** The whole segment as byte[]. */
    BYTES,
    /** An InputStream that delivers the bytes as they arrive. */
    STREAM;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
