package org.livepeer.simulator.orchestrator;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.livepeer.proto.AuthToken;

/**
 * Session auth tokens as go-livepeer orchestrators make them: an HMAC of session id and
 * expiration under a secret only the orchestrator knows, so any token can be checked without
 * storing it.
 */
final class AuthTokens {

    private volatile byte[] secret = newSecret();
    private final Clock clock;
    private volatile Duration validity;

    AuthTokens(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    AuthToken issue() {
        String sessionId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        long expiration = clock.instant().plus(validity).getEpochSecond();
        return token(sessionId, expiration);
    }

    /** Null when valid, else go-livepeer's reason. */
    String check(AuthToken token) {
        if (token == null || token.getSessionId().isEmpty()) {
            return "missing auth token";
        }
        AuthToken expected = token(token.getSessionId(), token.getExpiration());
        if (!MessageDigest.isEqual(
                expected.getToken().toByteArray(), token.getToken().toByteArray())) {
            return "invalid auth token";
        }
        if (clock.instant().getEpochSecond() > token.getExpiration()) {
            return "expired auth token";
        }
        return null;
    }

    /** A restarted node has a new secret: every token issued before is invalid. */
    void rotateSecret() {
        secret = newSecret();
    }

    private static byte[] newSecret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return fresh;
    }

    void setValidity(Duration validity) {
        this.validity = validity;
    }

    private AuthToken token(String sessionId, long expiration) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update(BigInteger.valueOf(expiration).toByteArray());
            return AuthToken.newBuilder()
                    .setToken(ByteString.copyFrom(mac.doFinal()))
                    .setSessionId(sessionId)
                    .setExpiration(expiration)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
