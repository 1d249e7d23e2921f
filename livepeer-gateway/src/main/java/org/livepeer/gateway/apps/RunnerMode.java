package org.livepeer.gateway.apps;

import java.util.Locale;

/** How a runner serves clients. */
public enum RunnerMode {
    /** A client reserves a session, calls it any number of times, and stops it. */
    PERSISTENT("persistent"),
    /** Each proxied request reserves a slot for itself and releases it when the response ends. */
    SINGLE_SHOT("single-shot");

    private final String wireName;

    RunnerMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code persistent} (also the default when absent), {@code single-shot} or {@code single_shot}; null otherwise. */
    public static RunnerMode parse(String text) {
        if (text == null || text.isBlank()) {
            return PERSISTENT;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "persistent" -> PERSISTENT;
            case "single-shot", "single_shot" -> SINGLE_SHOT;
            default -> null;
        };
    }
}
