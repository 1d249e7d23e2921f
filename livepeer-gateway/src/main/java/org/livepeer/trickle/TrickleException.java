package org.livepeer.trickle;

import java.io.IOException;

/**
 * A trickle publish or subscribe failure. {@link #kind()} says what went wrong; the message names
 * the channel or segment URL (without user info or query) and the cause.
 */
public class TrickleException extends IOException {

    /** What went wrong. */
    public enum Kind {
        /** The server answered 404: the channel does not exist (any more). Terminal. */
        CHANNEL_GONE("channel does not exist"),
        /** The server reported the channel closed ({@code Lp-Trickle-Closed}). Terminal. */
        CHANNEL_CLOSED("channel closed"),
        /** One segment could not be published; the publisher stays usable. */
        SEGMENT_FAILED("segment failed"),
        /** Too many consecutive failures. Terminal. */
        TOO_MANY_FAILURES("too many consecutive failures"),
        /** A segment read as bytes exceeded the configured limit. */
        SEGMENT_TOO_LARGE("segment too large"),
        /** The server's reply did not follow the trickle protocol. */
        PROTOCOL_ERROR("protocol error"),
        /** The publisher or subscriber was closed by its owner. */
        CLOSED("closed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** Whether a publisher or subscriber is finished once this happened. */
        public boolean isTerminal() {
            return this == CHANNEL_GONE || this == CHANNEL_CLOSED || this == TOO_MANY_FAILURES || this == CLOSED;
        }
    }

    private final Kind kind;
    private final String url;

    public TrickleException(Kind kind, String url, String detail, Throwable cause) {
        super(message(kind, url, detail, cause), cause);
        this.kind = kind;
        this.url = url;
    }

    public TrickleException(Kind kind, String url, String detail) {
        this(kind, url, detail, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The channel or segment URL concerned, safe for logs. */
    public String url() {
        return url;
    }

    private static String message(Kind kind, String url, String detail, Throwable cause) {
        StringBuilder message =
                new StringBuilder(kind.description()).append(": ").append(url);
        if (detail != null) {
            message.append(": ").append(detail);
        }
        if (cause != null) {
            message.append(" (")
                    .append(cause.getMessage() != null ? cause.getMessage() : cause)
                    .append(')');
        }
        return message.toString();
    }
}
