package org.livepeer.bench;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** Threads, heap after a full GC and direct memory of this JVM, as the sessions benchmark reports them. */
final class JvmStats {

    private JvmStats() {}

    /** CPU time this JVM has used so far (all threads, user and system), in nanoseconds, or -1 if unknown. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static int peakThreads() {
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }

    /** Heap in use after asking for a full collection (twice, so that finalizable garbage is gone too). */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** NIO direct buffers plus what Netty allocated directly outside them. */
    static long directBytes() {
        long nio = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        long netty = Math.max(0, PlatformDependent.usedDirectMemory());
        return nio + netty;
    }

    /** Direct memory Netty's pooled allocator holds in its arenas (in use or cached). */
    static long nettyPooledDirectBytes() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    static String mib(long bytes) {
        return Report.number(bytes / 1048576.0, 1) + " MiB";
    }
}
