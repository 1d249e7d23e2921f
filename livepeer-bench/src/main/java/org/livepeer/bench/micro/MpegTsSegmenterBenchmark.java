package org.livepeer.bench.micro;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.livepeer.camel.mpegts.MpegTsSegmenter;
import org.livepeer.camel.mpegts.SegmentListener;
import org.livepeer.camel.mpegts.SegmentStart;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The MPEG-TS segmenter cutting the repository's sample (H.264, about 76 KB) at keyframes, fed in
 * writes of {@code writeBytes}. One operation is the whole sample; MB/s = ops/s × sample bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MpegTsSegmenterBenchmark {

    @Param({"1316", "65536"})
    public int writeBytes;

    private byte[] sample;

    /** Counts what the segmenter hands on, so that the work cannot be optimised away. */
    private static final class Counting implements SegmentListener {
        long bytes;
        long segments;

        @Override
        public void segmentStarted(SegmentStart start) {
            segments++;
        }

        @Override
        public void segmentData(byte[] data, int offset, int length) {
            bytes += length;
        }

        @Override
        public void segmentEnded() {}
    }

    @Setup
    public void setUp() throws IOException {
        sample = sample();
    }

    public static byte[] sample() throws IOException {
        try (InputStream in = MpegTsSegmenterBenchmark.class.getResourceAsStream("/media/sample.ts")) {
            if (in == null) {
                throw new IOException("media/sample.ts is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    @Benchmark
    public long cutTheSample() {
        Counting listener = new Counting();
        MpegTsSegmenter segmenter = new MpegTsSegmenter(java.time.Duration.ZERO, listener);
        for (int offset = 0; offset < sample.length; offset += writeBytes) {
            segmenter.write(sample, offset, Math.min(writeBytes, sample.length - offset));
        }
        segmenter.finish();
        return listener.bytes + listener.segments;
    }
}
