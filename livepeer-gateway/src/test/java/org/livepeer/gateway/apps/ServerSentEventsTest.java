package org.livepeer.gateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livepeer.http.EventStreamLines;

class ServerSentEventsTest {

    private static List<ServerSentEvent> parse(String stream) {
        List<ServerSentEvent> events = new ArrayList<>();
        new ServerSentEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))
                .forEachRemaining(events::add);
        return events;
    }

    @Test
    void eventsEndAtBlankLinesWithTheirTypeIdAndMultiLineData() {
        List<ServerSentEvent> events = parse(": a comment\r\n"
                + "data: {\"n\":0}\r\n\r\n"
                + "event: tick\nid: 7\ndata: first\ndata:second\n\n"
                + "retry: 1000\n\n"
                + "data: after id\n\n");

        assertEquals(3, events.size(), events.toString());
        assertEquals(new ServerSentEvent("message", "{\"n\":0}", null), events.get(0));
        assertEquals(new ServerSentEvent("tick", "first\nsecond", "7"), events.get(1));
        assertEquals(new ServerSentEvent("message", "after id", "7"), events.get(2));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() {
        ServerSentEvents events = new ServerSentEvents(
                new ByteArrayInputStream("data: whole\n\ndata: cut".getBytes(StandardCharsets.UTF_8)));
        assertEquals("whole", events.next().data());
        assertFalse(events.hasNext());
    }

    @Test
    void aLineLongerThanTheLimitFailsTheStreamInsteadOfFillingTheMemory() {
        String endless = "data: " + "x".repeat(EventStreamLines.DEFAULT_MAX_LINE_CHARS) + "\n\n";
        ServerSentEvents events =
                new ServerSentEvents(new ByteArrayInputStream(endless.getBytes(StandardCharsets.UTF_8)));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, events::hasNext);
        assertTrue(failure.getMessage().contains("longer than"), failure.getMessage());
    }

    @Test
    void dataSpreadOverManyLinesIsBoundedToo() {
        String line = "data: " + "y".repeat(1000) + "\n";
        String many = line.repeat(EventStreamLines.DEFAULT_MAX_LINE_CHARS / 1000 + 1) + "\n";
        ServerSentEvents events = new ServerSentEvents(new ByteArrayInputStream(many.getBytes(StandardCharsets.UTF_8)));

        assertThrows(UncheckedIOException.class, events::hasNext);
    }
}
