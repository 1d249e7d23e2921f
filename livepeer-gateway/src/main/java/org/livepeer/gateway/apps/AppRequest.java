package org.livepeer.gateway.apps;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.livepeer.gateway.ConfigurationException;

/**
 * One HTTP request to an app: method, path under the app (e.g. {@code /echo}), raw query, headers
 * and body (bytes, or a stream read when the request is sent, up to {@link AppSettings#maxRequestBytes()}).
 * The path must start with {@code /} and may not leave the app ({@code ..}); {@code Host} and the
 * body framing headers are set by the transport.
 */
public final class AppRequest {

    private final String method;
    private final String path;
    private final String query;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final InputStream bodyStream;

    private AppRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.query = builder.query;
        this.headers = List.copyOf(builder.headers);
        this.body = builder.body;
        this.bodyStream = builder.bodyStream;
    }

    /**
     * A request for {@code target}: a path, optionally followed by {@code ?query}.
     *
     * @throws ConfigurationException naming {@code path} when the path is not usable
     */
    public static Builder builder(String method, String target) {
        return new Builder(method, target);
    }

    public static AppRequest get(String target) {
        return builder("GET", target).build();
    }

    public static AppRequest post(String target, byte[] body) {
        return builder("POST", target).body(body).build();
    }

    public static AppRequest post(String target, String contentType, String body) {
        return builder("POST", target)
                .header("Content-Type", contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    public String method() {
        return method;
    }

    /** The path under the app, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The raw (encoded) query without {@code ?}, or null. */
    public String query() {
        return query;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The body as bytes; null when there is none or it is a stream. */
    public byte[] body() {
        return body;
    }

    /** The body as a stream; null unless given as one. */
    public InputStream bodyStream() {
        return bodyStream;
    }

    /** Path and query as appended to the app URL. */
    String target() {
        return query == null ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Builds an {@link AppRequest}. */
    public static final class Builder {

        private final String method;
        private final String path;
        private String query;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body;
        private InputStream bodyStream;

        private Builder(String method, String target) {
            if (method == null || !method.matches("[A-Za-z]{1,20}")) {
                throw new ConfigurationException("method", "not an HTTP method: '" + method + "'");
            }
            this.method = method.toUpperCase(Locale.ROOT);
            String value = target == null || target.isEmpty() ? "/" : target;
            int question = value.indexOf('?');
            String pathPart = question < 0 ? value : value.substring(0, question);
            this.query = question < 0 || question == value.length() - 1 ? null : value.substring(question + 1);
            this.path = checkPath(pathPart);
            if (query != null) {
                checkQuery(query);
            }
        }

        /** Replaces the query with a raw (already encoded) one; null for none. */
        public Builder query(String raw) {
            if (raw != null && !raw.isEmpty()) {
                checkQuery(raw);
                this.query = raw;
            } else {
                this.query = null;
            }
            return this;
        }

        /** Appends {@code name=value}, both URL-encoded. */
        public Builder queryParam(String name, String value) {
            String pair = encode(name) + "=" + encode(value);
            this.query = query == null ? pair : query + "&" + pair;
            return this;
        }

        /** Adds a header (repeat for several values). */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ConfigurationException("headers", "not a valid header name: '" + name + "'");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigurationException(
                        "headers", "the value of header " + name + " is missing or has line breaks");
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes;
            this.bodyStream = null;
            return this;
        }

        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A body read from {@code stream} when the request is sent (and closed then). */
        public Builder body(InputStream stream) {
            this.bodyStream = Objects.requireNonNull(stream, "stream");
            this.body = null;
            return this;
        }

        public AppRequest build() {
            return new AppRequest(this);
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static String checkPath(String path) {
            if (!path.startsWith("/")) {
                throw new ConfigurationException("path", "must start with '/', was '" + path + "'");
            }
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c <= ' ' || c == 0x7f || c == '#' || c == '\\') {
                    throw new ConfigurationException(
                            "path", "must not contain spaces, control characters, '#' or '\\', was '" + path + "'");
                }
            }
            for (String segment : path.split("/")) {
                String decoded = segment.replace("%2e", ".").replace("%2E", ".");
                if (decoded.equals("..") || decoded.equals(".")) {
                    throw new ConfigurationException(
                            "path", "must not contain '.' or '..' segments, was '" + path + "'");
                }
            }
            try {
                java.net.URI.create("http://app" + path);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        "path", "not a valid URL path (encode special characters): '" + path + "'");
            }
            return path;
        }

        private static void checkQuery(String query) {
            try {
                java.net.URI.create("http://app/?" + query);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("query", "not a valid URL query (encode special characters)");
            }
            if (query.indexOf('#') >= 0) {
                throw new ConfigurationException("query", "must not contain '#'");
            }
        }
    }
}
