package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP/1.1 request: method, absolute {@code http} or {@code https} URL, headers, an optional
 * whole body, and per-request settings (TLS context, timeouts, response size limit). {@code Host}
 * and the body framing headers are set by the transport.
 *
 * <p>A body given as a {@link ByteBuf} passes to the transport when the request is sent (it is
 * released after writing or on failure), so such a request can be sent once; a {@code byte[]}
 * body can be sent any number of times.
 */
public final class HttpRequest {

    private final String method;
    private final URI uri;
    private final HttpHeaders headers;
    private final byte[] bodyBytes;
    private final ByteBuf bodyBuffer;
    private final SslContext sslContext;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final long maxResponseBytes;
    private final int streamBufferBytes;

    private HttpRequest(Builder builder) {
        this.method = builder.method;
        this.uri = builder.uri;
        this.headers = builder.headers.copy();
        this.bodyBytes = builder.bodyBytes;
        this.bodyBuffer = builder.bodyBuffer;
        this.sslContext = builder.sslContext;
        this.responseTimeout = builder.responseTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.totalTimeout = builder.totalTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.streamBufferBytes = builder.streamBufferBytes;
    }

    public static Builder builder(String method, String url) {
        return new Builder(method, URI.create(url));
    }

    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    public static Builder get(String url) {
        return builder("GET", url);
    }

    public static Builder post(String url) {
        return builder("POST", url);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** The caller's headers (a copy; changing it does not change the request). */
    public HttpHeaders headers() {
        return headers.copy();
    }

    HttpHeaders headersForWire() {
        return headers;
    }

    public boolean isSecure() {
        return "https".equals(uri.getScheme());
    }

    /** Null: plain http, or the transport's default (system trust store) for https. */
    public SslContext sslContext() {
        return sslContext;
    }

    /** Null: the transport's default. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * The longest pause between response body bytes (and the longest a request body chunk waits for
     * the server to take it); null: the transport's default.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The limit of the whole exchange, connection wait to the body's end; null: the transport's default. */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** Limit for buffered response bodies; 0: the transport's default. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Bytes a streaming response may buffer before reading pauses; 0: the transport's default. */
    public int streamBufferBytes() {
        return streamBufferBytes;
    }

    public boolean hasBody() {
        return bodyBytes != null || bodyBuffer != null;
    }

    /** The body to write; for a {@code ByteBuf} body this hands over ownership. */
    ByteBuf takeBody() {
        if (bodyBuffer != null) {
            return bodyBuffer;
        }
        return bodyBytes == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bodyBytes);
    }

    /** Releases a {@code ByteBuf} body that will not be written. */
    void discardBody() {
        if (bodyBuffer != null && bodyBuffer.refCnt() > 0) {
            bodyBuffer.release();
        }
    }

    /** Method and URL without user info or query, safe for messages and logs. */
    public String describe() {
        return method + " " + Urls.redacted(uri);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {

        private final String method;
        private final URI uri;
        private final HttpHeaders headers = new DefaultHttpHeaders();
        private byte[] bodyBytes;
        private ByteBuf bodyBuffer;
        private SslContext sslContext;
        private Duration responseTimeout;
        private Duration idleTimeout;
        private Duration totalTimeout;
        private long maxResponseBytes;
        private int streamBufferBytes;

        private Builder(String method, URI uri) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.uri = Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("not an http(s) URL: " + Urls.redacted(uri));
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URL has no host: " + Urls.redacted(uri));
            }
        }

        /** Adds a header (repeat for several values). */
        public Builder header(CharSequence name, Object value) {
            headers.add(name, value);
            return this;
        }

        public Builder headers(HttpHeaders more) {
            headers.add(more);
            return this;
        }

        public Builder body(byte[] body) {
            this.bodyBytes = body;
            this.bodyBuffer = null;
            return this;
        }

        public Builder body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** The transport takes ownership of {@code body} when the request is sent. */
        public Builder body(ByteBuf body) {
            this.bodyBuffer = body;
            this.bodyBytes = null;
            return this;
        }

        public Builder sslContext(SslContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positiveOrNull(timeout, "idleTimeout");
            return this;
        }

        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positiveOrNull(timeout, "totalTimeout");
            return this;
        }

        private static Duration positiveOrNull(Duration value, String name) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        public Builder maxResponseBytes(long limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
            this.maxResponseBytes = limit;
            return this;
        }

        public Builder streamBufferBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("streamBufferBytes must be positive");
            }
            this.streamBufferBytes = bytes;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
