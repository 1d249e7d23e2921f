package org.livepeer.gateway.apps;

/**
 * One server-sent event: its type ({@code message} unless the stream named another), its data (the
 * {@code data:} lines joined with newlines), and its {@code id} (the last one seen, or null).
 */
public record ServerSentEvent(String event, String data, String id) {

    @Override
    public String toString() {
        return "event " + event + (id == null ? "" : " #" + id) + ": " + data;
    }
}
