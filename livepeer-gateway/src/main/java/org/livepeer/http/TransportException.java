package org.livepeer.http;

import java.io.IOException;

/**
 * Any failure of the HTTP transport. {@link #kind()} says what went wrong; the message names the
 * method and URL (never header values, which may carry credentials) and the cause.
 */
public class TransportException extends IOException {

    /** What went wrong. */
    public enum Kind {
        /** The TCP connection could not be made (refused, unreachable, unknown host). */
        CONNECT_FAILED("connection failed"),
        /** The TCP connection or TLS handshake did not complete within the connect timeout. */
        CONNECT_TIMEOUT("connect timeout"),
        /** The TLS handshake failed, e.g. the server certificate was rejected; see the cause. */
        TLS_HANDSHAKE("TLS handshake failed"),
        /** No response head arrived within the response timeout after the request was sent. */
        RESPONSE_TIMEOUT("response timeout"),
        /** No response body bytes arrived (or the server took no request body bytes) within the idle timeout. */
        IDLE_TIMEOUT("idle timeout"),
        /** The whole exchange did not complete within its total timeout. */
        TOTAL_TIMEOUT("total timeout"),
        /** The connection closed (or was reset) before the exchange was complete. */
        CONNECTION_CLOSED("connection closed"),
        /** The response body exceeded the request's limit. */
        BODY_TOO_LARGE("response body too large"),
        /** The peer sent something that is not valid HTTP/1.1. */
        PROTOCOL_ERROR("protocol error"),
        /** The caller cancelled or aborted the exchange. */
        CANCELLED("cancelled"),
        /** The transport was closed. */
        TRANSPORT_CLOSED("transport closed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Kind kind;
    private final String target;

    /**
     * @param target method and URL, e.g. {@code GET https://host:1234/path}
     * @param detail what happened, may be null
     */
    public TransportException(Kind kind, String target, String detail, Throwable cause) {
        super(message(kind, target, detail, cause), cause);
        this.kind = kind;
        this.target = target;
    }

    public TransportException(Kind kind, String target, String detail) {
        this(kind, target, detail, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Method and URL of the failed request. */
    public String target() {
        return target;
    }

    public boolean isTimeout() {
        return kind == Kind.CONNECT_TIMEOUT
                || kind == Kind.RESPONSE_TIMEOUT
                || kind == Kind.IDLE_TIMEOUT
                || kind == Kind.TOTAL_TIMEOUT;
    }

    private static String message(Kind kind, String target, String detail, Throwable cause) {
        StringBuilder message =
                new StringBuilder(kind.description()).append(": ").append(target);
        if (detail != null) {
            message.append(": ").append(detail);
        }
        if (cause != null) {
            message.append(" (").append(cause).append(')');
        }
        return message.toString();
    }
}
