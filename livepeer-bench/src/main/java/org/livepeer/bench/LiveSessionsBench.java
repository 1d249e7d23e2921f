package org.livepeer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.live.LiveJobRequest;
import org.livepeer.gateway.live.LiveJobSettings;
import org.livepeer.gateway.live.LiveVideoJob;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.trickle.Segment;

/**
 * Many live sessions in this JVM (each with its input, output, control and events channels and
 * periodic payments), a segment per second into each, every output segment read to its end, with
 * the simulator in a child JVM. Reports threads, heap after GC, direct memory and the segments per
 * second delivered back.
 */
final class LiveSessionsBench {

    private static final int STARTS_IN_FLIGHT = 16;
    /** Sessions that run alone during the warm-up, while both JVMs compile their hot paths. */
    private static final int WARMUP_SESSIONS = 100;

    private static final int READER_THREADS = 4;
    private static final long TICK_MILLIS = 20;

    private final BenchOptions options;
    private final Report report;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deliveredBytes = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstPublishFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicLong readFailures = new AtomicLong();
    private volatile boolean stopping;

    LiveSessionsBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run() throws Exception {
        int sessions = options.smoke ? 4 : options.sessions;
        int seconds = options.smoke ? 3 : options.sessionSeconds;
        byte[] segment = new byte[options.smoke ? 4096 : options.segmentBytes];
        new Random(7).nextBytes(segment);
        String section = "2. live sessions";
        ExecutorService readers = Executors.newFixedThreadPool(READER_THREADS, named("bench-reader"));
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(named("bench-publisher"));
        // sessions join as they start (publishing and reading at once), as streams reach a gateway
        // over time: a cold start of every session in the same second is not what is measured here
        List<LiveVideoJob> jobs = new CopyOnWriteArrayList<>();
        try (ChildJvm simulator = ChildJvm.start(
                        "org.livepeer.simulator.SimulatorMain",
                        List.of("-Xmx1g"),
                        List.of("--orchestrators", "2", "--capacity", String.valueOf(sessions * 2)),
                        options.logDir.resolve("simulator-sessions.log"));
                // every session holds about four connections to its orchestrator at once (the
                // pre-connected input and control POSTs, the output and events GETs waiting for
                // their next segment): the default of 1,024 per target would cap it near 250
                NettyTransport transport = NettyTransport.builder()
                        .nativeTransport(!options.nio)
                        .ioThreads(2)
                        .maxConnectionsPerTarget(Math.max(1024, sessions * 6))
                        .build()) {
            String token = new ObjectMapper()
                    .readTree(simulator.firstLine())
                    .get("token")
                    .asText();
            try (LivepeerGateway gateway = LivepeerGateway.builder(GatewayConfig.builder()
                            .token(token)
                            // the simulator's JVM starts cold; on a loaded machine its first answers are slow
                            .probeTimeout(Duration.ofSeconds(30))
                            .build())
                    .transport(transport)
                    .build()) {
                warmUp(gateway);
                AtomicInteger tick = new AtomicInteger();
                int ticksPerSecond = (int) (1000 / TICK_MILLIS);
                publisher.scheduleAtFixedRate(
                        () -> publishTick(jobs, tick.getAndIncrement() % ticksPerSecond, ticksPerSecond, segment),
                        0,
                        TICK_MILLIS,
                        TimeUnit.MILLISECONDS);
                long startNanos = System.nanoTime();
                ConcurrentLinkedQueue<String> startErrors = new ConcurrentLinkedQueue<>();
                startAll(gateway, sessions, readers, jobs, startErrors);
                double startSeconds = (System.nanoTime() - startNanos) / 1e9;
                report.add(
                        section,
                        "sessions started (of " + sessions + ": the first " + Math.min(sessions, WARMUP_SESSIONS)
                                + " alone for " + options.sessionWarmupSeconds + " s, then " + options.sessionStartRate
                                + " per s), in s",
                        jobs.size() + " in " + Report.number(startSeconds, 1),
                        startErrors.isEmpty()
                                ? "all started"
                                : startErrors.size() + " failed, first: " + startErrors.peek());
                // let every session reach its steady state (first output segments, first periodic payment)
                Thread.sleep(options.smoke ? 1000 : TimeUnit.SECONDS.toMillis(options.sessionSettleSeconds));
                long before = delivered.get();
                long beforeBytes = deliveredBytes.get();
                int movesBefore = moves(jobs);
                long clientCpuBefore = JvmStats.processCpuNanos();
                long simulatorCpuBefore = simulator.cpuNanos();
                long windowStart = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                double window = (System.nanoTime() - windowStart) / 1e9;
                long clientCpu = JvmStats.processCpuNanos() - clientCpuBefore;
                long simulatorCpu = simulator.cpuNanos() - simulatorCpuBefore;
                double perSecond = (delivered.get() - before) / window;
                int threads = JvmStats.threads();
                long heap = JvmStats.heapAfterGc();
                long direct = JvmStats.directBytes();
                long pooled = JvmStats.nettyPooledDirectBytes();
                report.add(
                        section,
                        "output segments delivered per second (" + Report.number(window, 0) + " s window, "
                                + segment.length + " B segments)",
                        Report.number(perSecond, 0),
                        "expected " + jobs.size() + "/s; moves to another orchestrator: "
                                + (moves(jobs) - movesBefore) + " in the window, " + moves(jobs) + " in all; "
                                + Report.number((deliveredBytes.get() - beforeBytes) / window / 1e6, 1)
                                + " MB/s; publish failures " + publishFailures.get()
                                + (firstPublishFailure.get() == null
                                        ? ""
                                        : " (first: " + firstPublishFailure.get() + ")")
                                + ", read failures "
                                + readFailures.get());
                report.add(
                        section,
                        "CPU per session-second, ms: client JVM / simulator JVM",
                        cpuPerSessionSecond(clientCpu, jobs.size(), window) + " / "
                                + cpuPerSessionSecond(simulatorCpu, jobs.size(), window),
                        "the client's figure × 1,000 sessions = the cores the client alone needs for 1,000 (JIT"
                                + " compilation included; both JVMs share this machine's "
                                + Runtime.getRuntime().availableProcessors() + " cores)");
                report.add(
                        section,
                        "threads in the client JVM (peak)",
                        threads + " (" + JvmStats.peakThreads() + ")",
                        "goal < 64 with 1,000 sessions; includes " + READER_THREADS
                                + " reader and 1 publisher thread of the harness");
                report.add(section, "heap after GC", JvmStats.mib(heap), "goal < 512 MiB with 1,000 sessions");
                report.add(
                        section,
                        "direct memory (Netty pooled arenas)",
                        JvmStats.mib(direct) + " (" + JvmStats.mib(pooled) + ")",
                        "");
                stopping = true;
                publisher.shutdownNow();
                jobs.forEach(LiveVideoJob::close);
            }
        } finally {
            stopping = true;
            publisher.shutdownNow();
            readers.shutdownNow();
        }
    }

    private static int moves(List<LiveVideoJob> jobs) {
        return jobs.stream().mapToInt(job -> job.stats().recoveries()).sum();
    }

    private static String cpuPerSessionSecond(long cpuNanos, int sessions, double seconds) {
        if (cpuNanos < 0 || sessions == 0) {
            return "unknown";
        }
        return Report.number(cpuNanos / 1e6 / sessions / seconds, 2);
    }

    /**
     * Selects until a selection succeeds (at most 6 tries): the simulator's JVM is cold, and on a
     * loaded machine its first TLS handshakes and answers can take longer than any sane timeout.
     */
    private static void warmUp(LivepeerGateway gateway) {
        SelectionRequest wanted = SelectionRequest.of(Pipeline.LIVE_VIDEO_TO_VIDEO, "streamdiffusion");
        RuntimeException last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                gateway.select(wanted).join();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private void startAll(
            LivepeerGateway gateway,
            int sessions,
            ExecutorService readers,
            List<LiveVideoJob> jobs,
            ConcurrentLinkedQueue<String> errors)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(STARTS_IN_FLIGHT);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        long rampStart = System.nanoTime();
        long nanosBetweenStarts = TimeUnit.SECONDS.toNanos(1) / (options.smoke ? 1000 : options.sessionStartRate);
        int warmupSessions = options.smoke ? 0 : Math.min(sessions, WARMUP_SESSIONS);
        for (int i = 0; i < sessions; i++) {
            if (i == warmupSessions && warmupSessions > 0 && options.sessionWarmupSeconds > 0) {
                CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                        .orTimeout(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)
                        .join();
                TimeUnit.SECONDS.sleep(options.sessionWarmupSeconds);
                rampStart = System.nanoTime() - i * nanosBetweenStarts;
            }
            long due = rampStart + i * nanosBetweenStarts;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            starts.add(LiveVideoJob.start(gateway, LiveJobRequest.of("streamdiffusion"), LiveJobSettings.defaults())
                    .handle((job, error) -> {
                        inFlight.release();
                        if (error != null) {
                            errors.add(error.getMessage());
                        } else {
                            readOutputs(job, readers);
                            jobs.add(job);
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                .orTimeout(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Each session publishes once a second, spread over the ticks of a second. */
    private void publishTick(List<LiveVideoJob> jobs, int tick, int ticksPerSecond, byte[] segment) {
        for (int i = tick; i < jobs.size(); i += ticksPerSecond) {
            if (stopping) {
                return;
            }
            jobs.get(i).publish(segment).whenComplete((published, error) -> {
                if (error != null && !stopping) {
                    publishFailures.incrementAndGet();
                    firstPublishFailure.compareAndSet(null, String.valueOf(error));
                }
            });
        }
    }

    private void readOutputs(LiveVideoJob job, ExecutorService readers) {
        job.nextOutput().whenComplete((segment, error) -> {
            if (stopping || segment == null) {
                if (segment != null) {
                    segment.close();
                }
                return;
            }
            if (error != null) {
                readFailures.incrementAndGet();
                return;
            }
            readers.execute(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (Segment s = segment;
                        InputStream body = s.body()) {
                    long total = 0;
                    int n;
                    while ((n = body.read(buffer)) >= 0) {
                        total += n;
                    }
                    delivered.incrementAndGet();
                    deliveredBytes.addAndGet(total);
                } catch (Exception e) {
                    if (!stopping) {
                        readFailures.incrementAndGet();
                    }
                }
                if (!stopping) {
                    readOutputs(job, readers);
                }
            });
        });
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
