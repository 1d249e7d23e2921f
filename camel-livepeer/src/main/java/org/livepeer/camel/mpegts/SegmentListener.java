package org.livepeer.camel.mpegts;

/**
 * Receives segments from a {@link MpegTsSegmenter} as they are cut: a start, the segment's bytes in
 * whole packets, then an end. Calls come on the thread that writes to the segmenter.
 */
public interface SegmentListener {

    void segmentStarted(SegmentStart start);

    /** Whole 188-byte packets. The array may be shared: copy what you keep, never modify it. */
    void segmentData(byte[] data, int offset, int length);

    void segmentEnded();
}
