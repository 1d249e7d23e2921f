package org.livepeer.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class run in its own process on this JVM's class path, so that a server does not
 * share a heap, JIT or GC with the client measured against it. Its first stdout line describes it
 * (the simulator prints a JSON object); its stderr goes to a log file.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final String firstLine;

    private ChildJvm(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    static ChildJvm start(String mainClass, List<String> jvmOptions, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a fresh JVM seeding TLS randomness from a blocking source can stall for many seconds
        command.add("-Djava.security.egd=file:/dev/./urandom");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        File logFile = log.toFile();
        logFile.getParentFile().mkdirs();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(logFile))
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException(mainClass + " ended before describing itself; see " + logFile);
        }
        return new ChildJvm(process, line.trim());
    }

    String firstLine() {
        return firstLine;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the child process has used so far (user and system), in nanoseconds, or -1 if unknown. */
    long cpuNanos() {
        return process.info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(-1L);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
