package org.livepeer.camel.mpegts;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the segmenter over bytes fed in chunks of a given size and keeps what the listener saw. */
final class SegmentCollector implements SegmentListener {

    final List<SegmentStart> starts = new ArrayList<>();
    final List<byte[]> segments = new ArrayList<>();
    final MpegTsSegmenter segmenter;
    private ByteArrayOutputStream current;

    private SegmentCollector(Duration minDuration) {
        segmenter = new MpegTsSegmenter(minDuration, this);
    }

    static SegmentCollector run(byte[] input, int chunkSize, Duration minDuration) {
        SegmentCollector collector = new SegmentCollector(minDuration);
        for (int at = 0; at < input.length; at += chunkSize) {
            collector.segmenter.write(input, at, Math.min(chunkSize, input.length - at));
        }
        collector.segmenter.finish();
        return collector;
    }

    static SegmentCollector run(byte[] input) {
        return run(input, input.length, MpegTsSegmenter.DEFAULT_MIN_DURATION);
    }

    @Override
    public void segmentStarted(SegmentStart start) {
        if (current != null) {
            throw new AssertionError("segment started before the previous one ended");
        }
        starts.add(start);
        current = new ByteArrayOutputStream();
    }

    @Override
    public void segmentData(byte[] data, int offset, int length) {
        current.write(data, offset, length);
    }

    @Override
    public void segmentEnded() {
        segments.add(current.toByteArray());
        current = null;
    }

    /** The segments joined, without the table packets the segmenter repeated at their heads. */
    byte[] joinedWithoutRepeats() {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < segments.size(); i++) {
            int skip = starts.get(i).repeatedTableBytes();
            joined.write(segments.get(i), skip, segments.get(i).length - skip);
        }
        return joined.toByteArray();
    }
}
