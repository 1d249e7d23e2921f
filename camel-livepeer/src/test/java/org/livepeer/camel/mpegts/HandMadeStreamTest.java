package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases the sample does not show: H.265, other video, split start codes, PTS wrap-around. */
class HandMadeStreamTest {

    private static final int H264 = 0x1B;
    private static final int H265 = 0x24;
    private static final int MPEG2_VIDEO = 0x02;
    private static final long SECOND = 90_000;

    @Test
    void h264IdrWhoseStartCodeIsSplitAcrossPacketsWithAudioBetween() {
        TsStreamBuilder ts = new TsStreamBuilder(H264).tables();
        ts.pes(TsStreamBuilder.VIDEO_PID, 0, false, h264Idr());
        ts.pes(TsStreamBuilder.VIDEO_PID, 3600, false, h264(0x41, 300));
        int secondStart = ts.length();
        ts.tables();
        int idrFirstPacket = ts.length() / TsPacket.SIZE;
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND, false, idrWithStartCodeAtEndOfFirstPacket());
        ts.pes(TsStreamBuilder.AUDIO_PID, SECOND, false, new byte[100]);
        byte[] stream = movePacket(ts.bytes(), ts.length() / TsPacket.SIZE - 1, idrFirstPacket + 1);

        SegmentCollector run = SegmentCollector.run(stream, 1, Duration.ZERO);

        assertEquals(
                List.of(0L, SECOND), run.starts.stream().map(SegmentStart::pts).toList());
        assertArrayEquals(Arrays.copyOfRange(stream, secondStart, stream.length), run.segments.get(1));
        // PAT, PMT and the IDR's first packet, then the audio, were held until the slice showed up
        assertEquals(5 * TsPacket.SIZE, run.segmenter.peakHeldBytes());
    }

    @Test
    void h264ParameterSetsWithoutAnIdrSliceAreNoKeyframe() {
        TsStreamBuilder ts = new TsStreamBuilder(H264).tables();
        ts.pes(TsStreamBuilder.VIDEO_PID, 0, false, h264Idr());
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND, false, concat(h264(0x67, 10), h264(0x68, 4), h264(0x41, 300)));
        ts.pes(TsStreamBuilder.VIDEO_PID, 2 * SECOND, false, h264Idr());

        SegmentCollector run = SegmentCollector.run(ts.bytes(), 1000, Duration.ZERO);

        assertEquals(
                List.of(0L, 2 * SECOND),
                run.starts.stream().map(SegmentStart::pts).toList());
    }

    @Test
    void h265CutsAtIdrAndCraPictures() {
        TsStreamBuilder ts = new TsStreamBuilder(H265).tables();
        ts.pes(TsStreamBuilder.VIDEO_PID, 0, false, h265Irap(19)); // IDR_W_RADL
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND / 2, false, concat(h265(35, 1), h265(1, 400))); // TRAIL_R
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND, false, h265Irap(21)); // CRA
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND * 3 / 2, false, concat(h265(35, 1), h265(0, 400))); // TRAIL_N

        SegmentCollector run = SegmentCollector.run(ts.bytes(), 7, Duration.ofSeconds(1));

        assertEquals(
                List.of(0L, SECOND), run.starts.stream().map(SegmentStart::pts).toList());
        assertEquals(2 * TsPacket.SIZE, run.starts.get(1).repeatedTableBytes(), "tables sent once, repeated");
    }

    @Test
    void otherVideoCutsAtTheRandomAccessIndicator() {
        TsStreamBuilder ts = new TsStreamBuilder(MPEG2_VIDEO).tables();
        ts.pes(TsStreamBuilder.VIDEO_PID, 0, true, new byte[500]);
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND / 2, false, new byte[500]);
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND, true, new byte[500]);

        SegmentCollector run = SegmentCollector.run(ts.bytes(), 188, Duration.ZERO);

        assertEquals(
                List.of(0L, SECOND), run.starts.stream().map(SegmentStart::pts).toList());
    }

    @Test
    void measuresDurationAcrossThePtsWrapAround() {
        long beforeWrap = (1L << 33) - SECOND / 2;
        TsStreamBuilder ts = new TsStreamBuilder(H264).tables();
        ts.pes(TsStreamBuilder.VIDEO_PID, beforeWrap, false, h264Idr());
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND / 2, false, h264Idr());
        ts.pes(TsStreamBuilder.VIDEO_PID, SECOND, false, h264Idr());

        assertEquals(
                List.of(beforeWrap, SECOND / 2),
                SegmentCollector.run(ts.bytes(), 1000, Duration.ofSeconds(1)).starts.stream()
                        .map(SegmentStart::pts)
                        .toList());
        assertEquals(
                1,
                SegmentCollector.run(ts.bytes(), 1000, Duration.ofMillis(1600))
                        .segments
                        .size());
    }

    private static byte[] h264Idr() {
        return concat(h264(0x09, 1), h264(0x67, 10), h264(0x68, 4), h264(0x06, 100), h264(0x65, 600));
    }

    /** The PES header takes 14 bytes of the first packet's 184, so its ES part ends at ES offset 170. */
    private static byte[] idrWithStartCodeAtEndOfFirstPacket() {
        byte[] beforeIdr = concat(h264(0x09, 1), h264(0x06, 168 - 6 - 5));
        assertEquals(168, beforeIdr.length);
        byte[] idr = h264(0x65, 600);
        return concat(beforeIdr, Arrays.copyOfRange(idr, 1, idr.length)); // 3-byte start code: 00 00 | 01 65
    }

    private static byte[] h264(int header, int bodyLength) {
        return nal(new byte[] {(byte) header}, bodyLength);
    }

    private static byte[] h265Irap(int type) {
        return concat(h265(35, 1), h265(32, 20), h265(33, 30), h265(34, 6), h265(type, 600));
    }

    private static byte[] h265(int type, int bodyLength) {
        return nal(new byte[] {(byte) (type << 1), 0x01}, bodyLength);
    }

    private static byte[] nal(byte[] header, int bodyLength) {
        byte[] body = new byte[bodyLength];
        Arrays.fill(body, (byte) 0x80);
        return concat(new byte[] {0, 0, 0, 1}, header, body);
    }

    private static byte[] movePacket(byte[] ts, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ts.length / TsPacket.SIZE; i++) {
            if (i == to) {
                out.write(ts, from * TsPacket.SIZE, TsPacket.SIZE);
            }
            if (i != from) {
                out.write(ts, i * TsPacket.SIZE, TsPacket.SIZE);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
