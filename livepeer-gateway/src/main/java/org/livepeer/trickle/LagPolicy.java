package org.livepeer.trickle;

/** What a {@link TrickleSubscriber} does when it falls behind the live edge. */
public enum LagPolicy {
    /** Deliver every segment still available, in order; gaps only where the server dropped them. */
    DELIVER_ALL,
    /**
     * When more than {@code maxLagSegments} newer segments exist, skip to the segment being written
     * now, so a slow reader stays close to real time.
     */
    SKIP_TO_LATEST
}
