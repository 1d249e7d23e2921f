package org.livepeer.simulator.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Session tokens derived from a runner's secret seed, so a callback's token can be checked without storing it. */
final class SessionTokens {

    private final byte[] seed = new byte[32];

    SessionTokens() {
        new SecureRandom().nextBytes(seed);
    }

    String tokenFor(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("session:" + sessionId).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean valid(String sessionId, String token) {
        return token != null
                && MessageDigest.isEqual(
                        tokenFor(sessionId).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII));
    }
}
