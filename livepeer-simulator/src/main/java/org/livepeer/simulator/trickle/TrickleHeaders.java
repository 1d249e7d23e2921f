package org.livepeer.simulator.trickle;

/** Header names and values of the trickle protocol. */
public final class TrickleHeaders {

    /** The seq a reply is about (the resolved one when -1 or -2 was asked for). */
    public static final String SEQ = "Lp-Trickle-Seq";
    /** The channel's next seq to be written. */
    public static final String LATEST = "Lp-Trickle-Latest";
    /** Present, with {@link #TERMINATED}, once the channel is closed. */
    public static final String CLOSED = "Lp-Trickle-Closed";
    /** Sent by a (re)started publisher on its first POST. */
    public static final String RESET = "Lp-Trickle-Reset";
    /** Mime type of a channel, on {@code POST <channel>}. */
    public static final String EXPECT_CONTENT = "Expect-Content";

    public static final String TERMINATED = "terminated";

    /** Status of a GET whose channel exists but whose segment does not (too old or too far ahead). */
    public static final int SEGMENT_NOT_FOUND = 470;

    private TrickleHeaders() {}
}
