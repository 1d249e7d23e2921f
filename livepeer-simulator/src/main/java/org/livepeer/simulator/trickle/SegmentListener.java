package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;

/**
 * Receives a channel's segments in process (see {@link TrickleChannel#subscribe}). Calls for one
 * subscription never overlap. Segments closed without any data are skipped. Must not block: it
 * runs on the writer's thread unless an executor was given.
 */
public interface SegmentListener {

    /** The first bytes of segment {@code seq} arrived. */
    default void onSegmentStart(long seq) {}

    /** Bytes of segment {@code seq}, released after the call returns: retain to keep them. */
    void onChunk(long seq, ByteBuf chunk);

    /** Segment {@code seq} is complete (or was cut short by a close). */
    default void onSegmentEnd(long seq) {}

    /** The channel closed; nothing more follows. */
    default void onChannelClosed() {}
}
