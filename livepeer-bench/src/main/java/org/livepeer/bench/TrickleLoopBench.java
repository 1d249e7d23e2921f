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
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
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
    /** Upper bound of the timed warm-up's loops, whose channels are created up front. */
    static final int MAX_WARMUP_LOOPS = 64;

    private final BenchOptions options;
    private final Report report;

    TrickleLoopBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** Results of one client over every round: MB/s, and p50 and p95 ms of each round. */
    private static final class Totals {
        final List<Double> throughput = new ArrayList<>();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p95 = new ArrayList<>();
        final List<Double> latencies = new ArrayList<>();

        void addLatencies(List<Double> round) {
            Percentiles percentiles = new Percentiles(toArray(round));
            p50.add(percentiles.at(50));
            p95.add(percentiles.at(95));
            latencies.addAll(round);
        }
    }

    void run() throws Exception {
        int rounds = options.smoke ? 1 : options.trickleRounds;
        int warmupRounds = options.smoke ? 0 : options.trickleWarmupRounds;
        // an external server outlives this run: channel names of earlier runs must not collide
        String prefix = options.trickleServer == null ? "" : "bench" + System.currentTimeMillis() + "-";
        int warmupSeconds = options.smoke ? 0 : options.trickleWarmupSeconds;
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < MAX_WARMUP_LOOPS; i++) {
            channels.add(prefix + "warm-" + i);
        }
        for (int r = -warmupRounds; r < rounds; r++) {
            channels.add(prefix + "tput-" + r);
            channels.add(prefix + "lat-" + r);
        }
        byte[] data = new byte[THROUGHPUT_SEGMENT];
        new Random(42).nextBytes(data);
        Totals trickle = new Totals();
        Totals raw = new Totals();
        Cold cold;
        try (ChildJvm server = ChildJvm.start(
                        TrickleServerMain.class.getName(),
                        List.of("-Xmx512m"),
                        options.trickleServer == null ? channels : List.of(),
                        options.logDir.resolve("trickle-server.log"));
                NettyTransport transport =
                        NettyTransport.builder().nativeTransport(!options.nio).build()) {
            String[] urls = server.firstLine().split(" ");
            String trickleBase = options.trickleServer == null ? urls[0] : options.trickleServer;
            String rawBase = urls[1];
            if (options.trickleServer != null) {
                createChannels(transport, trickleBase, channels);
            }
            cold = warmUp(transport, trickleBase + prefix, rawBase, data, warmupSeconds);
            // a fresh JVM's first pass through the loop runs partly interpreted: not reported
            for (int r = -warmupRounds; r < 0; r++) {
                System.err.printf("[bench] trickle loop warm-up round %d of %d%n", r + warmupRounds + 1, warmupRounds);
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + prefix + "tput-" + r)) {
                    throughput(client, data);
                }
                try (LoopClient client = new RawHttpClient(rawBase, "tput-" + r)) {
                    throughput(client, data);
                }
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + prefix + "lat-" + r)) {
                    latency(client, data);
                }
                try (LoopClient client = new RawHttpClient(rawBase, "lat-" + r)) {
                    latency(client, data);
                }
            }
            for (int r = 0; r < rounds; r++) {
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + prefix + "tput-" + r)) {
                    trickle.throughput.add(throughput(client, data));
                }
                try (LoopClient client = new RawHttpClient(rawBase, "tput-" + r)) {
                    raw.throughput.add(throughput(client, data));
                }
                try (LoopClient client = new TrickleLoopClient(transport, trickleBase + prefix + "lat-" + r)) {
                    trickle.addLatencies(latency(client, data));
                }
                try (LoopClient client = new RawHttpClient(rawBase, "lat-" + r)) {
                    raw.addLatencies(latency(client, data));
                }
                System.err.printf(
                        "[bench] trickle loop round %d: %s MB/s, p50 %s ms, p95 %s ms; raw %s MB/s, p50 %s ms, p95 %s ms%n",
                        r + 1,
                        Report.number(last(trickle.throughput), 0),
                        Report.number(last(trickle.p50), 2),
                        Report.number(last(trickle.p95), 2),
                        Report.number(last(raw.throughput), 0),
                        Report.number(last(raw.p50), 2),
                        Report.number(last(raw.p95), 2));
            }
        }
        String section = "1. trickle loop";
        String server = options.trickleServer == null ? "simulator's server" : "server " + options.trickleServer;
        report.add(
                section,
                "1 MiB segments, MB/s, first loop of a fresh JVM (cold JIT), " + server,
                Report.number(cold.trickle(), 0),
                "raw relay: " + Report.number(cold.raw(), 0) + "; then warmed up for " + cold.loops() + " loops each ("
                        + cold.seconds() + " s)");
        report.add(
                section,
                "1 MiB segments, MB/s, median (min–max) of " + rounds + " rounds, " + server,
                spread(trickle.throughput, 0),
                "go-livepeer's client: see docs/performance.md; raw relay: " + spread(raw.throughput, 0)
                        + ", ratio to raw " + ratio(trickle.throughput, raw.throughput));
        Percentiles ours = new Percentiles(toArray(trickle.latencies));
        Percentiles base = new Percentiles(toArray(raw.latencies));
        report.add(
                section,
                "250 KB every 40 ms, publish start → last byte, p50 ms, median (min–max) of rounds (" + ours.count()
                        + " segments)",
                spread(trickle.p50, 2),
                "raw relay: " + spread(raw.p50, 2) + ", ratio to raw " + ratio(trickle.p50, raw.p50)
                        + "; all segments pooled: " + Report.number(ours.at(50), 2) + " vs raw "
                        + Report.number(base.at(50), 2));
        report.add(
                section,
                "same, p95 ms",
                spread(trickle.p95, 2),
                "raw relay: " + spread(raw.p95, 2) + ", ratio to raw " + ratio(trickle.p95, raw.p95)
                        + "; all segments pooled: " + Report.number(ours.at(95), 2) + " vs raw "
                        + Report.number(base.at(95), 2));
    }

    /** Throughput of the first loop of each client in a fresh JVM, and how long the warm-up ran. */
    private record Cold(double trickle, double raw, int loops, long seconds) {}

    /**
     * Runs the throughput loop with both clients, in turns, until {@code seconds} have passed (at
     * least once each). The per-chunk paths are called a few thousand times per loop, so the JIT's
     * optimising compiler takes several loops to reach them.
     */
    private Cold warmUp(NettyTransport transport, String trickleBase, String rawBase, byte[] data, int seconds)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        double coldTrickle = Double.NaN;
        double coldRaw = Double.NaN;
        int loops = 0;
        while (loops < MAX_WARMUP_LOOPS && (loops == 0 || System.nanoTime() < deadline)) {
            double trickle;
            try (LoopClient client = new TrickleLoopClient(transport, trickleBase + "warm-" + loops)) {
                trickle = throughput(client, data);
            }
            double raw;
            try (LoopClient client = new RawHttpClient(rawBase, "warm-" + loops)) {
                raw = throughput(client, data);
            }
            if (loops == 0) {
                coldTrickle = trickle;
                coldRaw = raw;
            }
            loops++;
            System.err.printf(
                    "[bench] trickle loop warm-up %d: %s MB/s; raw %s MB/s%n",
                    loops, Report.number(trickle, 0), Report.number(raw, 0));
        }
        return new Cold(coldTrickle, coldRaw, loops, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    /** Creates the channels on an external server ({@code POST <base><channel>}, as go-livepeer's server expects). */
    private static void createChannels(NettyTransport transport, String base, List<String> channels) throws Exception {
        for (String channel : channels) {
            HttpResponse response = transport
                    .send(HttpRequest.builder("POST", base + channel)
                            .header("Expect-Content", "video/mp2t")
                            .build())
                    .get(30, TimeUnit.SECONDS);
            if (!response.isSuccess()) {
                throw new IllegalStateException(
                        "creating channel " + channel + " at " + base + " answered HTTP " + response.status());
            }
        }
    }

    /** MB/s (10^6 bytes) of the segments after the warm-up, publish start of the first to last byte of the last. */
    private double throughput(LoopClient client, byte[] data) throws Exception {
        int warmup = options.smoke ? 2 : options.throughputWarmup;
        int measured = options.smoke ? 8 : options.throughputSegments;
        Timeline timeline = loop(client, data, THROUGHPUT_SEGMENT, warmup + measured, 0);
        long nanos = timeline.received[warmup + measured - 1] - timeline.started[warmup];
        return (double) measured * THROUGHPUT_SEGMENT / 1e6 / (nanos / 1e9);
    }

    private List<Double> latency(LoopClient client, byte[] data) throws Exception {
        List<Double> into = new ArrayList<>();
        int warmup = options.smoke ? 2 : 25;
        int measured = options.smoke ? 10 : options.latencySegments;
        Timeline timeline = loop(client, data, LATENCY_SEGMENT, warmup + measured, LATENCY_INTERVAL_NANOS);
        for (int i = warmup; i < warmup + measured; i++) {
            into.add((timeline.received[i] - timeline.started[i]) / 1e6);
        }
        return into;
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

    private static double median(List<Double> values) {
        double[] sorted = toArray(values);
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /** "median (min–max)", or the one value of a single round. */
    private static String spread(List<Double> values, int decimals) {
        String median = Report.number(median(values), decimals);
        if (values.size() < 2) {
            return median;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return median + " (" + Report.number(min, decimals) + "–" + Report.number(max, decimals) + ")";
    }

    /** Ratio of the medians. */
    private static String ratio(List<Double> ours, List<Double> base) {
        return Report.number(median(ours) / median(base), 2);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
