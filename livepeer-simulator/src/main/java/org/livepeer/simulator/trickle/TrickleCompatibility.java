package org.livepeer.simulator.trickle;

import java.util.Locale;

/** Which go-livepeer trickle server a {@link TrickleServer} behaves like where versions differ. */
public enum TrickleCompatibility {
    /**
     * go-livepeer v0.8.11 and later (v0.9.x, master): {@code GET <channel>/next} answers the seq the
     * next write goes to.
     */
    CURRENT("current"),
    /**
     * go-livepeer v0.8.10 and older: there is no {@code /next} route, so {@code GET <channel>/next}
     * is read as a segment named "next": 400 {@code Invalid idx} on a channel that exists, 404 on
     * one that does not. Publishers must post to {@code <channel>/-1} instead.
     */
    V0_8_10("v0.8.10");

    private final String label;

    TrickleCompatibility(String label) {
        this.label = label;
    }

    /** The name used on the command line: {@code current} or {@code v0.8.10}. */
    public String label() {
        return label;
    }

    /** Parses a {@link #label()} (case-insensitive, the leading "v" optional). */
    public static TrickleCompatibility parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (TrickleCompatibility mode : values()) {
            if (mode.label.equals(wanted) || mode.label.equals("v" + wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown trickle compatibility '" + text + "': expected current or v0.8.10");
    }

    boolean hasNextRoute() {
        return this == CURRENT;
    }
}
