package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The subscriber's copy path: one 1 MiB segment arriving as socket-sized direct buffers, through
 * the response {@link BodyStream}, into the reader's array (what {@code Segment.body().read} does).
 * One operation is one segment; MB/s = ops/s × 1.048576.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BodyStreamBenchmark {

    static final int SEGMENT_BYTES = 1 << 20;

    /** One operation's bytes, for turning ops/s into MB/s. */
    public static final int SEGMENT_BYTES_PUBLIC = SEGMENT_BYTES;

    /** Bytes per socket read, as the event loop hands them over. */
    @Param({"16384", "65536"})
    public int chunkBytes;

    /** Size of the reader's array. */
    @Param({"16384", "65536"})
    public int readBytes;

    private byte[] wire;
    private byte[] target;

    private static final BodyStream.Flow NO_FLOW = new BodyStream.Flow() {
        @Override
        public void resume() {}

        @Override
        public void cancel() {}
    };

    @Setup
    public void setUp() {
        wire = new byte[chunkBytes];
        new Random(1).nextBytes(wire);
        target = new byte[readBytes];
    }

    @Benchmark
    public long segmentThroughBodyStream() throws IOException {
        BodyStream body = new BodyStream(SEGMENT_BYTES * 2, NO_FLOW, "bench");
        for (int sent = 0; sent < SEGMENT_BYTES; sent += chunkBytes) {
            ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(chunkBytes);
            chunk.writeBytes(wire);
            body.offer(chunk);
        }
        body.end();
        long total = 0;
        int n;
        while ((n = body.read(target, 0, target.length)) >= 0) {
            total += n;
        }
        return total;
    }
}
