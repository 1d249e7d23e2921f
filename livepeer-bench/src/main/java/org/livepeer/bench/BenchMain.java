package org.livepeer.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the benchmarks and prints one Markdown table on stdout (progress and child logs go to
 * stderr and {@code target/bench-logs}). {@code --smoke} runs every part with tiny sizes.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options);
        System.out.println();
        System.out.println(machine());
        System.out.println();
        System.out.println(report.table());
    }

    /** Runs the parts the options name; a failing part fails the run. */
    static Report run(BenchOptions options) throws Exception {
        Files.createDirectories(options.logDir);
        Report report = new Report();
        if (options.parts.contains("micro")) {
            new MicroBenchmarks(options, report).run();
        }
        if (options.parts.contains("trickle")) {
            new TrickleLoopBench(options, report).run();
        }
        if (options.parts.contains("sessions")) {
            new LiveSessionsBench(options, report).run();
        }
        if (options.parts.contains("batch")) {
            new BatchBench(options, report).run();
        }
        if (options.parts.contains("selection")) {
            new SelectionBench(options, report).run();
        }
        return report;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        } catch (Exception e) {
            // not Linux: leave it unknown
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1 << 20) + " MiB";
    }
}
