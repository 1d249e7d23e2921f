package org.livepeer.http;

import java.net.URI;

/** URL helpers: default ports, the request target, and a form safe to print. */
final class Urls {

    private Urls() {}

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The host without IPv6 brackets, as sockets and TLS engines want it. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The value of the {@code Host} header: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    /** Path and query as sent in the request line. */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Scheme, host, port and path: user info and query may carry credentials, so they are left out. */
    static String redacted(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }
}
