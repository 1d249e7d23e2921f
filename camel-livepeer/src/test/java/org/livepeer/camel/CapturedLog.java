package org.livepeer.camel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Captures what the tests' logging backend (slf4j-simple, which writes each line to the current
 * System.err) prints while it is open, still passing it on to the original stream.
 */
final class CapturedLog implements AutoCloseable {

    /** slf4j-simple's line: "[time ][thread] LEVEL logger - message". */
    private static final Pattern LINE =
            Pattern.compile("^(?:\\S+ )?\\[[^\\]]*] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - .*");

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedLog() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Every line captured so far. */
    List<String> lines() {
        synchronized (captured) {
            return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
        }
    }

    /** Lines logged at WARN or ERROR by a logger whose name starts with one of {@code prefixes}. */
    List<String> aboveInfo(String... prefixes) {
        return lines().stream()
                .filter(line -> {
                    var m = LINE.matcher(line);
                    return m.matches()
                            && (m.group(1).equals("WARN") || m.group(1).equals("ERROR"))
                            && Arrays.stream(prefixes).anyMatch(m.group(2)::startsWith);
                })
                .toList();
    }

    boolean contains(String text) {
        return lines().stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
