package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged input: garbage, lost bytes, a cut-off end, packets flagged as errored. */
class ResyncTest {

    private final byte[] sample = Sample.bytes();

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, Integer.MAX_VALUE})
    void skipsGarbageBeforeTheFirstPacket(int chunkSize) {
        byte[] garbage = garbage(1000);
        SegmentCollector run = run(concat(garbage, sample), chunkSize);

        assertEquals(garbage.length, run.segmenter.droppedBytes());
        assertArrayEquals(sample, run.joinedWithoutRepeats());
        assertEquals(Sample.GOPS, run.segments.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, Integer.MAX_VALUE})
    void regainsSyncAfterGarbageBetweenPackets(int chunkSize) {
        int at = 200 * TsPacket.SIZE;
        byte[] damaged = concat(Arrays.copyOf(sample, at), garbage(77), Arrays.copyOfRange(sample, at, sample.length));
        SegmentCollector run = run(damaged, chunkSize);

        assertEquals(77, run.segmenter.droppedBytes());
        assertArrayEquals(sample, run.joinedWithoutRepeats());
        assertEquals(Sample.GOPS, run.segments.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, Integer.MAX_VALUE})
    void dropsAPacketThatLostBytesAndKeepsTheRest(int chunkSize) {
        int packet = 186; // inside the third GOP
        int start = packet * TsPacket.SIZE;
        byte[] damaged =
                concat(Arrays.copyOf(sample, start + 60), Arrays.copyOfRange(sample, start + 110, sample.length));
        SegmentCollector run = run(damaged, chunkSize);

        assertEquals(TsPacket.SIZE - 50, run.segmenter.droppedBytes());
        byte[] withoutThatPacket =
                concat(Arrays.copyOf(sample, start), Arrays.copyOfRange(sample, start + TsPacket.SIZE, sample.length));
        assertArrayEquals(withoutThatPacket, run.joinedWithoutRepeats());
        assertEquals(Sample.GOPS, run.segments.size());
        run.segments.forEach(IndependentTsCheck::assertStartsDecodable);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, Integer.MAX_VALUE})
    void dropsACutOffLastPacket(int chunkSize) {
        SegmentCollector run = run(Arrays.copyOf(sample, sample.length - 100), chunkSize);

        assertEquals(TsPacket.SIZE - 100, run.segmenter.droppedBytes());
        assertArrayEquals(Arrays.copyOf(sample, sample.length - TsPacket.SIZE), run.joinedWithoutRepeats());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, Integer.MAX_VALUE})
    void dropsPacketsFlaggedWithATransportError(int chunkSize) {
        byte[] flagged = sample.clone();
        int start = 250 * TsPacket.SIZE;
        flagged[start + 1] |= (byte) 0x80;
        SegmentCollector run = run(flagged, chunkSize);

        assertEquals(TsPacket.SIZE, run.segmenter.droppedBytes());
        assertArrayEquals(
                concat(Arrays.copyOf(sample, start), Arrays.copyOfRange(sample, start + TsPacket.SIZE, sample.length)),
                run.joinedWithoutRepeats());
    }

    private static SegmentCollector run(byte[] input, int chunkSize) {
        return SegmentCollector.run(input, Math.min(chunkSize, input.length), MpegTsSegmenter.DEFAULT_MIN_DURATION);
    }

    /** Random bytes with plenty of false sync bytes. */
    private static byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        for (int i = 0; i < length; i += 40) {
            bytes[i] = TsPacket.SYNC_BYTE;
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
