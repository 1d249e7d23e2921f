package org.livepeer.simulator.apps;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.orchestrator.OrchestratorError;
import org.livepeer.simulator.trickle.TrickleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered runner: where its app listens, its capacity and its sessions, reserved and
 * released as go-livepeer's live runner registry does (409 for a session id in use, 503 when full).
 */
final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final RunnerConfig config;
    private final String url;
    private final TrickleServer trickle;
    private final SessionTokens tokens = new SessionTokens();
    private final Map<String, AppSession> sessions = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private int capacity;
    private volatile boolean ready = true;

    Runner(RunnerConfig config, String url, TrickleServer trickle) {
        this.config = config;
        this.url = url;
        this.trickle = trickle;
        this.capacity = config.capacity();
    }

    RunnerConfig config() {
        return config;
    }

    String route() {
        return config.route();
    }

    /** The app's base URL (private: never listed by discovery). */
    String url() {
        return url;
    }

    boolean isReady() {
        return ready;
    }

    void setReady(boolean ready) {
        this.ready = ready;
    }

    synchronized void setCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("runner capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized int capacity() {
        return capacity;
    }

    synchronized int used() {
        return sessions.size();
    }

    /**
     * Reserves a slot.
     *
     * @param id the session id to use (a payment's manifest id), or null for a generated one
     * @param sender  the payer, null when free
     * @param price   the price the payment fixed, null when free
     */
    synchronized AppSession reserve(String id, String sender, PriceInfo price, boolean fixed) throws OrchestratorError {
        if (id != null && sessions.containsKey(id)) {
            throw new OrchestratorError(409, "session already exists");
        }
        if (sessions.size() >= capacity) {
            throw new OrchestratorError(503, "no capacity available for runner");
        }
        String sessionId = id;
        while (sessionId == null || sessions.containsKey(sessionId)) {
            sessionId = "session_" + randomId();
        }
        AppSession session = new AppSession(sessionId, this, tokens.tokenFor(sessionId), sender, price, fixed);
        sessions.put(sessionId, session);
        LOG.info("live runner session reserved: runner {}, session {}, app {}", route(), sessionId, config.app());
        return session;
    }

    synchronized AppSession session(String id) {
        return sessions.get(id);
    }

    synchronized List<AppSession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    boolean validToken(String sessionId, String token) {
        return tokens.valid(sessionId, token);
    }

    /** Releases the session and closes its channels; false when it was not reserved. */
    boolean release(String id, String reason) {
        AppSession session;
        synchronized (this) {
            session = sessions.remove(id);
        }
        if (session == null) {
            return false;
        }
        session.markClosed(reason);
        for (String channel : session.channels().values()) {
            trickle.closeChannel(channel);
        }
        LOG.info("live runner session released: runner {}, session {} ({})", route(), id, reason);
        return true;
    }

    private String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
