package org.livepeer.trickle;

import io.netty.handler.codec.http.HttpHeaders;

/** Trickle header names, values and statuses, and parsing of the numeric headers. */
final class TrickleProtocol {

    static final String SEQ = "Lp-Trickle-Seq";
    static final String LATEST = "Lp-Trickle-Latest";
    static final String CLOSED = "Lp-Trickle-Closed";
    static final String RESET = "Lp-Trickle-Reset";

    /** The channel exists but the requested segment does not (too old, or ahead of the live edge). */
    static final int SEGMENT_NOT_FOUND = 470;

    private TrickleProtocol() {}

    static boolean isClosed(HttpHeaders headers) {
        String closed = headers.get(CLOSED);
        return closed != null && !closed.isEmpty();
    }

    /** The header's value as a number, or {@code fallback} when it is missing or not a number. */
    static long number(HttpHeaders headers, String name, long fallback) {
        String value = headers.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The start of an error body, for messages. */
    static String excerpt(String body) {
        String trimmed = body.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "…";
    }
}
