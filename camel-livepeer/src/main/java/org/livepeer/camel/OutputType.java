package org.livepeer.camel;

import java.util.Locale;

/** What a batch producer's body becomes: the typed response, or the bytes of its first media. */
public enum OutputType {
    RESPONSE,
    BYTES;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
