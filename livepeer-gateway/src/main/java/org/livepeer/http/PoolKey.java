package org.livepeer.http;

import io.netty.handler.ssl.SslContext;

/**
 * Which connections a request may share: same scheme, host, port and TLS context (by identity, so
 * different trust material never shares a connection). {@code sslContext} is null for plain http.
 */
record PoolKey(String host, int port, SslContext sslContext) {

    boolean secure() {
        return sslContext != null;
    }

    @Override
    public String toString() {
        return (secure() ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
