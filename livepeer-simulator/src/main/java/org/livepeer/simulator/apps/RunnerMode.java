package org.livepeer.simulator.apps;

/** How a live runner's capacity is reserved, with go-livepeer's wire names. */
public enum RunnerMode {
    /** A client reserves a session, makes any number of requests through it, and stops it. */
    PERSISTENT("persistent"),
    /** Each proxied request reserves a slot for as long as it runs. */
    SINGLE_SHOT("single-shot");

    private final String wireName;

    RunnerMode(String wireName) {
        this.wireName = wireName;
    }

    /** {@code persistent} or {@code single-shot}, as discovery lists it. */
    public String wireName() {
        return wireName;
    }
}
