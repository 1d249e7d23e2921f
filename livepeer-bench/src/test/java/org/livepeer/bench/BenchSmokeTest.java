package org.livepeer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every benchmark part with tiny sizes: checks that the harness works end to end and reports
 * every row. Asserts nothing about the numbers.
 */
class BenchSmokeTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyPartRunsAndReportsItsRows() throws Exception {
        BenchOptions options = BenchOptions.parse("--smoke", "--logs", "target/bench-smoke-logs");

        Report report = BenchMain.run(options);

        System.out.println(report.table());
        Set<String> sections = report.rows().stream().map(Report.Row::section).collect(Collectors.toSet());
        assertTrue(sections.contains("0. micro (JMH)"), sections.toString());
        assertTrue(sections.contains("1. trickle loop"), sections.toString());
        assertTrue(sections.contains("2. live sessions"), sections.toString());
        assertTrue(sections.contains("3. batch, concurrency 1"), sections.toString());
        assertTrue(sections.contains("3. batch, concurrency 64"), sections.toString());
        assertTrue(sections.contains("4. selection"), sections.toString());
        List<Report.Row> rows = report.rows();
        assertFalse(rows.stream().anyMatch(row -> row.value().isBlank()), report.table());
        assertTrue(
                rows.stream()
                        .anyMatch(row -> row.metric().startsWith("1 MiB segments, MB/s, first loop of a fresh JVM")),
                report.table());
        assertTrue(
                rows.stream()
                        .anyMatch(row -> row.metric().startsWith("CPU per session-second")
                                && row.value().matches("[0-9.,]+ / [0-9.,]+")),
                report.table());
    }

    @Test
    void unknownPartsAreRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> BenchOptions.parse("--only", "trickle,warp"));
        assertEquals("--only: unknown part 'warp', one of " + BenchOptions.PARTS, e.getMessage());
    }

    @Test
    void theSessionRampIsReadFromItsOptions() {
        BenchOptions options = BenchOptions.parse("--session-start-rate", "50", "--session-warmup", "0");

        assertEquals(50, options.sessionStartRate);
        assertEquals(0, options.sessionWarmupSeconds);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> BenchOptions.parse("--session-start-rate", "0"));
        assertEquals("--session-start-rate must be at least 1, was 0", e.getMessage());
    }
}
