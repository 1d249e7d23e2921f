package org.livepeer.gateway.tls;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates pinned on first use, per {@code host:port}. Orchestrators usually present a
 * self-signed certificate that changes when they restart; the first one seen for a target is
 * trusted from then on, until {@link #evict evicted}.
 */
public final class TofuTrustStore {

    private final Map<String, X509Certificate> pins = new ConcurrentHashMap<>();

    /** Pins {@code presented} if nothing is pinned for the target yet; returns the pinned certificate. */
    X509Certificate pinIfAbsent(String host, int port, X509Certificate presented) {
        return pins.computeIfAbsent(key(host, port), k -> presented);
    }

    public Optional<X509Certificate> pinned(String host, int port) {
        return Optional.ofNullable(pins.get(key(host, port)));
    }

    /** Forgets the target's certificate: the next connection pins whatever it is shown. */
    public void evict(String host, int port) {
        pins.remove(key(host, port));
    }

    public int size() {
        return pins.size();
    }

    private static String key(String host, int port) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
