package org.livepeer.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector reports, collected for a test to assert on: a buffer that was
 * garbage-collected without being released fails the test instead of only logging {@code LEAK:}.
 * From {@link #reset()} on the detector runs at least at its advanced level, so that each report
 * names where the buffer was created and last touched (and differs from earlier reports, which the
 * detector would not repeat); it samples buffers unless {@code -Dio.netty.leakDetection.level=paranoid}
 * has it track every one. A leak is reported once its buffer was garbage-collected.
 */
public final class NettyLeaks {

    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    static {
        ByteBufUtil.setLeakListener((type, records) -> REPORTS.add(type + (records.isEmpty() ? "" : ":\n" + records)));
    }

    private NettyLeaks() {}

    /** Forgets what earlier tests of this JVM leaked, so that only what follows counts. */
    public static void reset() {
        if (ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.ADVANCED.ordinal()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);
        }
        collectReports();
        REPORTS.clear();
    }

    /** Fails when a buffer leaked since {@link #reset()}. */
    public static void assertNone() {
        collectReports();
        assertTrue(
                REPORTS.isEmpty(),
                () -> REPORTS.size() + " Netty buffers were never released, first:\n" + REPORTS.get(0));
    }

    /**
     * Collects garbage, then allocates: the detector looks for collected, unreleased buffers only
     * when it tracks a new one.
     */
    private static void collectReports() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 1024; i++) {
                ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(1);
                direct.release();
                ByteBuf heap = Unpooled.buffer(1);
                heap.release();
            }
        }
    }
}
