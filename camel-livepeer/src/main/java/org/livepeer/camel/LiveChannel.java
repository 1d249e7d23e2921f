package org.livepeer.camel;

import java.util.Locale;

/** The channel of a live session an endpoint uses. */
public enum LiveChannel {
    /** Producers publish input segments, consumers receive output segments. */
    MEDIA,
    /** Producers send parameter updates. */
    CONTROL,
    /** Consumers receive the runner's events. */
    EVENTS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
