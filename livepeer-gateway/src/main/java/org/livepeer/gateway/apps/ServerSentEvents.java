package org.livepeer.gateway.apps;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.livepeer.http.EventStreamLines;

/**
 * A {@code text/event-stream} body read event by event as it arrives (the WHATWG event-stream
 * format: {@code data}, {@code event}, {@code id} fields, comments skipped, an event ends at a blank
 * line). {@link #hasNext()} blocks until the next event or the end of the stream: iterate off the
 * event loop. A failure of the stream is thrown as an {@link UncheckedIOException}. Close it to drop
 * the connection early.
 */
public final class ServerSentEvents implements Iterator<ServerSentEvent>, Iterable<ServerSentEvent>, Closeable {

    private final EventStreamLines lines;
    private final Closeable source;
    private ServerSentEvent next;
    private String lastId;
    private boolean ended;

    public ServerSentEvents(InputStream body) {
        this.lines = new EventStreamLines(body);
        this.source = body;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            next = read();
        } catch (IOException e) {
            ended = true;
            throw new UncheckedIOException("the event stream failed: " + e.getMessage(), e);
        }
        if (next == null) {
            ended = true;
        }
        return next != null;
    }

    @Override
    public ServerSentEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the event stream has ended");
        }
        ServerSentEvent event = next;
        next = null;
        return event;
    }

    /** This stream itself: it can be iterated once. */
    @Override
    public Iterator<ServerSentEvent> iterator() {
        return this;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        source.close();
    }

    private ServerSentEvent read() throws IOException {
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new ServerSentEvent(type == null ? "message" : type, data.toString(), lastId);
                }
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else if (data.length() + 1 + value.length() > lines.maxLineChars()) {
                        throw new IOException("an event's data is longer than " + lines.maxLineChars() + " characters");
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                }
                default -> {
                    // retry and unknown fields: nothing to do for a client that does not reconnect
                }
            }
        }
        // an event not ended by a blank line when the stream ends is dropped, as browsers do
        return null;
    }
}
