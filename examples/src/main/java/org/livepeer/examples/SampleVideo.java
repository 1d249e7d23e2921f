package org.livepeer.examples;

import java.io.InputStream;

/** The demo's MPEG-TS sample, from the class path. */
public final class SampleVideo {

    /** A fresh stream of the sample (the caller closes it; a streaming split does). */
    public InputStream open() {
        InputStream stream = SampleVideo.class.getResourceAsStream("/media/sample.ts");
        if (stream == null) {
            throw new IllegalStateException("media/sample.ts is missing from the class path");
        }
        return stream;
    }
}
