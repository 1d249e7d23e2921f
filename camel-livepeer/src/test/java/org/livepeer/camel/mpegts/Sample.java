package org.livepeer.camel.mpegts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed sample (src/test/resources/media/sample.ts) and what ffprobe says about it. */
final class Sample {

    static final String RESOURCE = "/media/sample.ts";
    static final int LENGTH = 76_328;
    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;
    static final int GOPS = 5;
    /** Byte offsets of the keyframe PES packets (ffprobe packet pos). */
    static final int[] KEYFRAME_OFFSETS = {564, 15228, 30832, 45120, 60724};
    /** Where each segment must begin: the keyframe, less the tables ffmpeg puts before it (SDT, PAT, PMT first; PAT, PMT after). */
    static final int[] SEGMENT_OFFSETS = {0, 14852, 30456, 44744, 60348};

    static final long[] KEYFRAME_PTS = {133200, 223200, 313200, 403200, 493200};

    private Sample() {}

    static byte[] bytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream() {
        return Sample.class.getResourceAsStream(RESOURCE);
    }
}
