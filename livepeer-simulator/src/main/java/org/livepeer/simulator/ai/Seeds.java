package org.livepeer.simulator.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic numbers derived from request content, so equal requests give equal outputs. */
final class Seeds {

    private Seeds() {}

    /** A seed in [0, 2^31) from text, as a runner's random seed would be. */
    static long of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static long of(byte[] bytes) {
        byte[] digest = sha256(bytes);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value & 0x7fffffffL;
    }

    /** A 24-bit RGB colour from a seed. */
    static int colour(long seed, int salt) {
        long mixed = mix(seed * 31 + salt);
        return (int) (mixed & 0xffffff);
    }

    /** SplitMix64 finaliser: spreads nearby seeds over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
