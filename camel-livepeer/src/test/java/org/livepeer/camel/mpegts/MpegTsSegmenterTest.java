package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MpegTsSegmenterTest {

    private final byte[] sample = Sample.bytes();

    @Test
    void cutsTheSampleAtEveryKeyframeWithTheTablesBeforeIt() {
        assertEquals(Sample.LENGTH, sample.length);
        SegmentCollector run = SegmentCollector.run(sample);

        assertEquals(Sample.GOPS, run.segments.size());
        for (int i = 0; i < Sample.GOPS; i++) {
            int end = i + 1 < Sample.GOPS ? Sample.SEGMENT_OFFSETS[i + 1] : sample.length;
            assertArrayEquals(
                    Arrays.copyOfRange(sample, Sample.SEGMENT_OFFSETS[i], end), run.segments.get(i), "segment " + i);
            assertEquals(new SegmentStart(i, Sample.KEYFRAME_PTS[i], 0), run.starts.get(i));
            IndependentTsCheck.assertStartsDecodable(run.segments.get(i));
        }
        assertArrayEquals(sample, run.joinedWithoutRepeats());
        assertEquals(0, run.segmenter.bytesBeforeFirstKeyframe());
        assertEquals(0, run.segmenter.droppedBytes());
    }
}
