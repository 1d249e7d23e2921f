package org.livepeer.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body line by line (LF or CRLF endings) as it arrives. A line
 * longer than the limit fails the read instead of filling the memory: the server is not trusted.
 */
public final class EventStreamLines {

    /** The longest line accepted by default: 1 Mi characters. */
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    private final Reader reader;
    private final int maxLineChars;

    public EventStreamLines(InputStream body, int maxLineChars) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.maxLineChars = maxLineChars;
    }

    public EventStreamLines(InputStream body) {
        this(body, DEFAULT_MAX_LINE_CHARS);
    }

    public int maxLineChars() {
        return maxLineChars;
    }

    /** The next line without its ending, or null at the end of the body. */
    public String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return stripCarriageReturn(line);
            }
            if (line.length() >= maxLineChars) {
                throw new IOException("an event line is longer than " + maxLineChars + " characters");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : stripCarriageReturn(line);
    }

    private static String stripCarriageReturn(StringBuilder line) {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }
}
