package org.livepeer.gateway.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates pinned on first use, per {@code host:port}, as SHA-256 fingerprints of their
 * DER bytes (never parsed: go-livepeer's certificates have an empty issuer the JDK refuses).
 *
 * <p>The first certificate a target presents is pinned. A different one later fails the
 * handshake with {@link CertificateChangedException} and is remembered as the target's
 * <em>candidate</em>; it replaces the pin only through {@link #repin}, which the gateway calls once
 * a fresh {@code GetOrchestrator} over gRPC has shown that the same orchestrator stands behind it
 * (see docs/architecture.md, "Certificate pins"). Every re-pin is logged at INFO and counted.
 */
public final class TofuTrustStore {

    private static final Logger LOG = LoggerFactory.getLogger(TofuTrustStore.class);

    private final Map<String, String> pins = new ConcurrentHashMap<>();
    private final Map<String, String> candidates = new ConcurrentHashMap<>();
    private final AtomicLong repins = new AtomicLong();

    /**
     * Pins {@code certificate} if nothing is pinned for the target yet, accepts it if it is the
     * pinned one, and otherwise remembers it as the candidate and refuses it.
     */
    void check(String host, int port, byte[] certificate) throws CertificateChangedException {
        String key = key(host, port);
        String presented = fingerprint(certificate);
        String pinned = pins.computeIfAbsent(key, k -> presented);
        if (!pinned.equals(presented)) {
            candidates.put(key, presented);
            throw new CertificateChangedException(host, port, pinned, presented);
        }
    }

    /** The fingerprint pinned for the target, if any. */
    public Optional<String> pinned(String host, int port) {
        return Optional.ofNullable(pins.get(key(host, port)));
    }

    /**
     * Replaces the target's pin with {@code fingerprint}, which must be the candidate it last
     * presented; logs the change at INFO with {@code why}. Returns false (and changes nothing)
     * when the target presented no such candidate.
     */
    public boolean repin(String host, int port, String fingerprint, String why) {
        String key = key(host, port);
        if (!candidates.remove(key, fingerprint)) {
            return false;
        }
        String previous = pins.put(key, fingerprint);
        repins.incrementAndGet();
        LOG.info(
                "{}:{} presents a new TLS certificate, now pinned: sha256 {} (was {}); {}",
                host,
                port,
                abbreviate(fingerprint),
                previous == null ? "none" : abbreviate(previous),
                why);
        return true;
    }

    /** Forgets the target's certificate: the next connection pins whatever it is shown. */
    public void evict(String host, int port) {
        String key = key(host, port);
        candidates.remove(key);
        if (pins.remove(key) != null) {
            repins.incrementAndGet();
            LOG.info("{}:{}: TLS certificate pin dropped; the next connection pins on first use again", host, port);
        }
    }

    /** How many pins were replaced or dropped since the gateway started. */
    public long repins() {
        return repins.get();
    }

    public int size() {
        return pins.size();
    }

    /** Lower-case hex SHA-256 of a certificate's DER bytes. */
    public static String fingerprint(byte[] certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static String abbreviate(String fingerprint) {
        return fingerprint.length() <= 16 ? fingerprint : fingerprint.substring(0, 16) + "…";
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
