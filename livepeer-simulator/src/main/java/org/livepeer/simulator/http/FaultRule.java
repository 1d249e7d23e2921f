package org.livepeer.simulator.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One injected fault: which requests it matches, how many times, and what happens to them. Build
 * with {@link #on(String, String)}, then one action, for example
 * {@code FaultRule.on("POST", "/text-to-image").times(2).respond(503, "busy")}.
 */
public final class FaultRule {

    /** What a matched request gets. */
    public enum Action {
        /** Served normally (after the delay, if any). */
        PROCEED,
        /** A canned response instead of the real one. */
        RESPOND,
        /** Never answered; the connection stays open until the client leaves or the server stops. */
        HANG,
        /** The connection is closed at once, without a response. */
        DROP,
        /** Served normally, but the connection is closed after some response body bytes. */
        DROP_RESPONSE_MID_BODY,
        /** The connection is closed after some request body bytes have arrived. */
        DROP_REQUEST_MID_BODY
    }

    private final String method;
    private final Pattern path;
    private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile CompletionStage<?> gate;
    private volatile Action action = Action.PROCEED;
    private volatile int status;
    private volatile String contentType = "text/plain; charset=utf-8";
    private volatile String body = "";
    private volatile Map<String, String> headers = Map.of();
    private volatile long afterBytes;

    private FaultRule(String method, String pathRegex) {
        this.method = method;
        this.path = Pattern.compile(pathRegex);
    }

    /**
     * Matches requests whose method equals {@code method} (null: any) and whose whole path matches
     * the regular expression {@code pathRegex}.
     */
    public static FaultRule on(String method, String pathRegex) {
        return new FaultRule(method, pathRegex);
    }

    /** Applies to the next {@code count} matching requests only (default: all of them). */
    public FaultRule times(int count) {
        remaining.set(count);
        return this;
    }

    /** Waits this long before the action (or before serving normally). */
    public FaultRule delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /**
     * Holds a matched request back until {@code gate} completes (after the delay, if any), then
     * applies the action; lets a test decide exactly when a request is served.
     */
    public FaultRule holdUntil(CompletionStage<?> gate) {
        this.gate = gate;
        return this;
    }

    public FaultRule respond(int status, String body) {
        return respond(status, "text/plain; charset=utf-8", body, Map.of());
    }

    public FaultRule respond(int status, String contentType, String body, Map<String, String> headers) {
        this.action = Action.RESPOND;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = Map.copyOf(headers);
        return this;
    }

    public FaultRule hang() {
        this.action = Action.HANG;
        return this;
    }

    public FaultRule dropConnection() {
        this.action = Action.DROP;
        return this;
    }

    public FaultRule dropResponseAfter(long bytes) {
        this.action = Action.DROP_RESPONSE_MID_BODY;
        this.afterBytes = bytes;
        return this;
    }

    /**
     * Closes the connection once {@code bytes} request body bytes reached the handler; with 0, as
     * soon as the handler has the request, before any body byte.
     */
    public FaultRule dropRequestAfter(long bytes) {
        this.action = Action.DROP_REQUEST_MID_BODY;
        this.afterBytes = bytes;
        return this;
    }

    /** How many requests this rule has applied to. */
    public int hits() {
        return hits.get();
    }

    boolean claim(String requestMethod, String requestPath) {
        if (method != null && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (!path.matcher(requestPath).matches()) {
            return false;
        }
        while (true) {
            int left = remaining.get();
            if (left <= 0) {
                return false;
            }
            if (remaining.compareAndSet(left, left == Integer.MAX_VALUE ? left : left - 1)) {
                hits.incrementAndGet();
                return true;
            }
        }
    }

    boolean exhausted() {
        return remaining.get() <= 0;
    }

    Duration delay() {
        return delay;
    }

    /** Completes when a held request may go on; already complete when nothing holds it. */
    CompletionStage<?> gate() {
        CompletionStage<?> held = gate;
        return held == null ? CompletableFuture.completedFuture(null) : held;
    }

    boolean holds() {
        return gate != null;
    }

    Action action() {
        return action;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    long afterBytes() {
        return afterBytes;
    }

    @Override
    public String toString() {
        return action + " on " + (method == null ? "*" : method) + " " + path.pattern();
    }
}
