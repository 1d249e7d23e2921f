package org.livepeer.bench;

import java.util.Collection;
import org.livepeer.bench.micro.MpegTsSegmenterBenchmark;
import org.livepeer.http.BodyStreamBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks (one forked JVM each; in smoke mode in this JVM, one short
 * iteration) and reports them in MB/s.
 */
final class MicroBenchmarks {

    private final BenchOptions options;
    private final Report report;

    MicroBenchmarks(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run() throws Exception {
        long sampleBytes = MpegTsSegmenterBenchmark.sample().length;
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include(BodyStreamBenchmark.class.getName())
                .include(MpegTsSegmenterBenchmark.class.getName())
                .shouldFailOnError(true);
        if (options.smoke) {
            jmh.forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200))
                    .param("chunkBytes", "65536")
                    .param("readBytes", "65536")
                    .param("writeBytes", "65536");
        } else {
            jmh.forks(1)
                    .jvmArgs("-Xmx512m")
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(jmh.build()).run();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double opsPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            boolean segmenter = name.endsWith("cutTheSample");
            double bytesPerOp = segmenter ? sampleBytes : BodyStreamBenchmark.SEGMENT_BYTES_PUBLIC;
            String params = segmenter
                    ? "writes of " + result.getParams().getParam("writeBytes") + " B"
                    : "socket chunks " + result.getParams().getParam("chunkBytes") + " B, reads of "
                            + result.getParams().getParam("readBytes") + " B";
            report.add(
                    "0. micro (JMH)",
                    (segmenter ? "MPEG-TS segmenter, " : "segment copy: body stream → reader, ") + params + ", MB/s",
                    Report.number(opsPerSecond * bytesPerOp / 1e6, 0),
                    Double.isNaN(error) ? "" : "± " + Report.number(error * bytesPerOp / 1e6, 0) + " (99.9 %)");
        }
    }
}
