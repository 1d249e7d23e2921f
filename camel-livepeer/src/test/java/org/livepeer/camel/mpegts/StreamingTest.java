package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingTest {

    private final byte[] sample = Sample.bytes();
    private final SegmentCollector whole = SegmentCollector.run(sample);

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 187, 188, 189, 1000, 4096})
    void anyChunkingGivesTheSameSegments(int chunkSize) {
        SegmentCollector chunked = SegmentCollector.run(sample, chunkSize, MpegTsSegmenter.DEFAULT_MIN_DURATION);

        assertEquals(whole.starts, chunked.starts);
        assertEquals(whole.segments.size(), chunked.segments.size());
        for (int i = 0; i < whole.segments.size(); i++) {
            assertArrayEquals(whole.segments.get(i), chunked.segments.get(i), "segment " + i);
        }
    }

    @Test
    void holdsBackOnlyTheHeadOfAnAccessUnit() {
        int held = whole.segmenter.peakHeldBytes();
        // the tables before a keyframe and its AUD, SPS, PPS and x264's SEI, a few packets
        assertTrue(held > 0 && held <= 8 * TsPacket.SIZE, "held " + held);
    }

    @Test
    void iteratorReadsOnlyAsFarAsTheNextSegmentNeeds() {
        CountingStream in = new CountingStream(new ByteArrayInputStream(sample));
        MpegTsSegmentIterator segments = new MpegTsSegmentIterator(in);

        byte[] first = segments.next();
        assertArrayEquals(whole.segments.get(0), first);
        long readAhead = in.count - Sample.KEYFRAME_OFFSETS[1];
        assertTrue(readAhead <= segments.segmenter().peakHeldBytes() + 7 * TsPacket.SIZE, "read ahead " + readAhead);

        List<byte[]> rest = new ArrayList<>();
        segments.forEachRemaining(rest::add);
        assertEquals(whole.segments.size() - 1, rest.size());
        for (int i = 0; i < rest.size(); i++) {
            assertArrayEquals(whole.segments.get(i + 1), rest.get(i));
        }
        assertTrue(in.closed, "input closed at its end");
        assertFalse(segments.hasNext());
    }

    @Test
    void iteratorBuffersAtMostOneSegmentAndTheHeadOfTheNext() {
        MpegTsSegmentIterator segments = new MpegTsSegmentIterator(new ByteArrayInputStream(sample), Duration.ZERO);
        int largest = 0;
        while (segments.hasNext()) {
            largest = Math.max(largest, segments.next().length);
        }
        long peak = segments.peakBufferedBytes();
        assertTrue(peak <= largest + segments.segmenter().peakHeldBytes(), peak + " vs segment " + largest);
        assertTrue(peak < sample.length / 3, "peak " + peak + " of " + sample.length);
    }

    @Test
    void closingTheIteratorClosesTheInput() {
        CountingStream in = new CountingStream(new ByteArrayInputStream(sample));
        MpegTsSegmentIterator segments = new MpegTsSegmentIterator(in);
        segments.next();
        segments.close();
        assertTrue(in.closed);
        assertFalse(segments.hasNext());
    }

    private static final class CountingStream extends FilterInputStream {
        long count;
        boolean closed;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
