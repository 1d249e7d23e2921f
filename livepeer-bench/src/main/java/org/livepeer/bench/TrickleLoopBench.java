package org.livepeer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.livepeer.http.NettyTransport;

/**
 * The trickle loop: one publisher and one subscriber on one channel, the publisher at most two
 * segments ahead of the reader. Throughput: 1 MiB segments as fast as possible. Latency: 250 KB
 * segments every 40 ms, from the start of the publish to the last byte received. The server (the
 * simulator's trickle server, and the raw relay beside it) runs in another JVM; the project's
 * client and the raw client take turns, round after round.
 */
final class TrickleLoopBench {

    static final int THROUGHPUT_SEGMENT = 1 << 20;
    static final int LATENCY_SEGMENT = 250_000;
    static final long LATENCY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    static final int MAX_AHEAD = 2;

    private final BenchOptions options;
    private final Report report;

    TrickleLoopBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** Results of one workload over every round. */
    private static final class Totals {
        final List<Double> throughput = new ArrayList<>();
        final List<Double> latencies = new ArrayList<>();
    }

    void run() throws Exception {
        int rounds = options.smoke ? 1 : options.trickleRounds;
        List<String> channels = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            channels.add("tput-" + r);
            channels.add("lat-" + r);
        }
        byte[] data = new byte[THROUGHPUT_SEGMENT];
        new Random(42).nextBytes(data);
        Totals trickle = new Totals();
        Totals raw = new Totals();
        try (ChildJvm server = ChildJvm.start(
                        TrickleServerMain.class.getName(),
                        List.of("-Xmx512m"),
                        channels,
                        options.logDir.resolve("trickle-server.log"));
                NettyTransport transport = NettyTransport.create()) {
            String[] urls = server.firstLine().split(" ");
            String trickleBase = urls[0];
            String rawBase = urls[1];
            for (int r = 0; r < rounds; r++) {
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + "tput-" + r)) {
                    trickle.throughput.add(throughput(client, data));
                }
                try (LoopClient client = new RawHttpClient(rawBase, "tput-" + r)) {
                    raw.throughput.add(throughput(client, data));
                }
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + "lat-" + r)) {
                    latency(client, data, trickle.latencies);
                }
                try (LoopClient client = new RawHttpClient(rawBase, "lat-" + r)) {
                    latency(client, data, raw.latencies);
                }
            }
        }
        String section = "1. trickle loop";
        double tricklePut = best(trickle.throughput);
        double rawPut = best(raw.throughput);
        report.add(
                section,
                "1 MiB segments, MB/s (best round of " + rounds + "; all: " + list(trickle.throughput) + ")",
                Report.number(tricklePut, 0),
                "go-livepeer on this kind of machine: 322–349; raw relay: " + Report.number(rawPut, 0) + " (all: "
                        + list(raw.throughput) + "), ratio to raw " + Report.number(tricklePut / rawPut, 2));
        Percentiles ours = new Percentiles(toArray(trickle.latencies));
        Percentiles base = new Percentiles(toArray(raw.latencies));
        report.add(
                section,
                "250 KB every 40 ms, publish start → last byte, p50 ms (" + ours.count() + " segments)",
                Report.number(ours.at(50), 2),
                "go-livepeer: 1.6; raw relay: " + Report.number(base.at(50), 2) + ", ratio to raw "
                        + Report.number(ours.at(50) / base.at(50), 2));
        report.add(
                section,
                "same, p95 ms",
                Report.number(ours.at(95), 2),
                "go-livepeer: 4.3–5.1; raw relay: " + Report.number(base.at(95), 2) + ", ratio to raw "
                        + Report.number(ours.at(95) / base.at(95), 2));
    }

    /** MB/s (10^6 bytes) of the segments after the warm-up, publish start of the first to last byte of the last. */
    private double throughput(LoopClient client, byte[] data) throws Exception {
        int warmup = options.smoke ? 2 : options.throughputWarmup;
        int measured = options.smoke ? 8 : options.throughputSegments;
        Timeline timeline = loop(client, data, THROUGHPUT_SEGMENT, warmup + measured, 0);
        long nanos = timeline.received[warmup + measured - 1] - timeline.started[warmup];
        return (double) measured * THROUGHPUT_SEGMENT / 1e6 / (nanos / 1e9);
    }

    private void latency(LoopClient client, byte[] data, List<Double> into) throws Exception {
        int warmup = options.smoke ? 2 : 25;
        int measured = options.smoke ? 10 : options.latencySegments;
        Timeline timeline = loop(client, data, LATENCY_SEGMENT, warmup + measured, LATENCY_INTERVAL_NANOS);
        for (int i = warmup; i < warmup + measured; i++) {
            into.add((timeline.received[i] - timeline.started[i]) / 1e6);
        }
    }

    /** When each segment's publish started and when its last byte arrived, in nanoseconds. */
    private record Timeline(long[] started, long[] received) {}

    private static Timeline loop(LoopClient client, byte[] data, int size, int segments, long interval)
            throws Exception {
        long[] started = new long[segments];
        long[] received = new long[segments];
        Semaphore ahead = new Semaphore(MAX_AHEAD);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-loop-reader"));
        try {
            Future<?> reading = reader.submit((Callable<Void>) () -> {
                for (int seq = 0; seq < segments; seq++) {
                    long length = client.receive(seq);
                    received[seq] = System.nanoTime();
                    if (length != size) {
                        throw new IllegalStateException("segment " + seq + " had " + length + " bytes, not " + size);
                    }
                    ahead.release();
                }
                return null;
            });
            long first = System.nanoTime();
            for (int seq = 0; seq < segments; seq++) {
                if (!ahead.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the reader made no progress for 30 s at segment " + seq);
                }
                if (interval > 0) {
                    long due = first + seq * interval;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                started[seq] = System.nanoTime();
                client.publish(seq, data, size);
            }
            reading.get(60, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
        return new Timeline(started, received);
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> Report.number(v, 0)).toList());
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
