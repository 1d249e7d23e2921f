package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;

/**
 * Receives a channel's segments in process (see {@link TrickleChannel#subscribe}). Calls for one
 * subscription never overlap. A segment closed without any data while the channel is open is
 * reported by {@link #onEmptySegment}, not by the other calls. Must not block: it runs on the
 * writer's thread unless an executor was given.
 */
public interface SegmentListener {

    /** The first bytes of segment {@code seq} arrived. */
    default void onSegmentStart(long seq) {}

    /** Bytes of segment {@code seq}, released after the call returns: retain to keep them. */
    void onChunk(long seq, ByteBuf chunk);

    /** Segment {@code seq} is complete (or was cut short by a close). */
    default void onSegmentEnd(long seq) {}

    /** Segment {@code seq} ended without any data (an empty segment, or one a publisher reset closed). */
    default void onEmptySegment(long seq) {}

    /** The channel closed; nothing more follows. */
    default void onChannelClosed() {}
}
