package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void everySegmentIsSelfContained() {
        for (byte[] segment : SegmentCollector.run(sample).segments) {
            SegmentCollector again = SegmentCollector.run(segment, segment.length, Duration.ZERO);
            assertEquals(1, again.segments.size());
            assertArrayEquals(segment, again.segments.get(0));
            assertEquals(0, again.segmenter.bytesBeforeFirstKeyframe());
        }
    }

    @Test
    void cutsAtTheFirstKeyframeAtOrAfterTheMinimumDuration() {
        assertEquals(
                5,
                SegmentCollector.run(sample, sample.length, Duration.ZERO)
                        .segments
                        .size());
        assertEquals(
                5,
                SegmentCollector.run(sample, sample.length, Duration.ofMillis(1000))
                        .segments
                        .size());

        SegmentCollector longer = SegmentCollector.run(sample, sample.length, Duration.ofMillis(1001));
        assertEquals(3, longer.segments.size());
        assertEquals(
                List.of(Sample.KEYFRAME_PTS[0], Sample.KEYFRAME_PTS[2], Sample.KEYFRAME_PTS[4]),
                longer.starts.stream().map(SegmentStart::pts).toList());
        assertArrayEquals(
                Arrays.copyOfRange(sample, Sample.SEGMENT_OFFSETS[2], Sample.SEGMENT_OFFSETS[4]),
                longer.segments.get(1));

        SegmentCollector whole = SegmentCollector.run(sample, sample.length, Duration.ofSeconds(30));
        assertEquals(1, whole.segments.size());
        assertArrayEquals(sample, whole.segments.get(0));
    }

    @Test
    void dropsAndCountsWhatComesBeforeTheFirstKeyframe() {
        int midFirstGop = Sample.KEYFRAME_OFFSETS[0] + 20 * TsPacket.SIZE;
        byte[] joinedLate = Arrays.copyOfRange(sample, midFirstGop, sample.length);

        SegmentCollector run = SegmentCollector.run(joinedLate);

        assertEquals(Sample.GOPS - 1, run.segments.size());
        assertEquals(Sample.SEGMENT_OFFSETS[1] - midFirstGop, run.segmenter.bytesBeforeFirstKeyframe());
        assertEquals(Sample.KEYFRAME_PTS[1], run.starts.get(0).pts());
        assertEquals(0, run.starts.get(0).sequence());
        assertArrayEquals(
                Arrays.copyOfRange(sample, Sample.SEGMENT_OFFSETS[1], sample.length), run.joinedWithoutRepeats());
    }

    @Test
    void repeatsThePatAndPmtWhenTheSourceSendsThemOnlyOnce() {
        byte[] tablesOnceOnly = withoutTablesAfterTheFirst(sample);
        assertEquals(sample.length - 2 * 44 * TsPacket.SIZE, tablesOnceOnly.length, "44 of 45 PAT+PMT pairs removed");
        byte[] firstPatAndPmt = Arrays.copyOfRange(sample, TsPacket.SIZE, 3 * TsPacket.SIZE);

        SegmentCollector run = SegmentCollector.run(tablesOnceOnly);

        assertEquals(Sample.GOPS, run.segments.size());
        assertEquals(0, run.starts.get(0).repeatedTableBytes());
        for (int i = 0; i < Sample.GOPS; i++) {
            IndependentTsCheck.assertStartsDecodable(run.segments.get(i));
            if (i > 0) {
                assertEquals(2 * TsPacket.SIZE, run.starts.get(i).repeatedTableBytes(), "segment " + i);
                assertArrayEquals(
                        firstPatAndPmt,
                        Arrays.copyOf(run.segments.get(i), 2 * TsPacket.SIZE),
                        "the latest PAT and PMT, as sent");
            }
        }
        assertArrayEquals(tablesOnceOnly, run.joinedWithoutRepeats());
    }

    /** The sample with every PAT and PMT packet dropped except those at its very start. */
    private static byte[] withoutTablesAfterTheFirst(byte[] ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < ts.length; at += TsPacket.SIZE) {
            int pid = IndependentTsCheck.pid(ts, at);
            boolean table = pid == 0 || pid == Sample.PMT_PID;
            if (!table || at < Sample.KEYFRAME_OFFSETS[0]) {
                out.write(ts, at, TsPacket.SIZE);
            }
        }
        return out.toByteArray();
    }
}
