package org.livepeer.simulator.trickle;

/**
 * Writes a channel's segments in process, one after the other, like go-livepeer's local
 * publisher: each new segment must not have been written yet, and the one after it is pre-created
 * so that subscribers can wait for it.
 */
public final class LocalPublisher {

    private final TrickleChannel channel;
    private long seq;

    LocalPublisher(TrickleChannel channel, long firstSeq) {
        this.channel = channel;
        this.seq = firstSeq;
    }

    /** The seq {@link #beginSegment()} writes next. */
    public synchronized long nextSeq() {
        return seq;
    }

    /**
     * Starts the next segment; write its chunks, then {@link SegmentWriter#end()}.
     *
     * @throws IllegalStateException when the channel is closed, or the segment (or the one after
     *     it) was already written by someone else
     */
    public synchronized SegmentWriter beginSegment() {
        if (channel.isClosed()) {
            throw new IllegalStateException(channel + " is closed");
        }
        TrickleChannel.WriteClaim current = channel.claimForWrite(seq);
        if (current.written()) {
            current.segment().release();
            throw new IllegalStateException("segment " + seq + " of " + channel + " already exists");
        }
        TrickleChannel.WriteClaim following = channel.claimForWrite(seq + 1);
        following.segment().release();
        if (following.written()) {
            current.segment().release();
            throw new IllegalStateException("segment " + (seq + 1) + " of " + channel + " already exists");
        }
        seq++;
        return new SegmentWriter(channel, current.segment());
    }

    /** Writes {@code data} as one whole segment; returns its seq. */
    public long writeSegment(byte[] data) {
        try (SegmentWriter writer = beginSegment()) {
            writer.write(data);
            return writer.seq();
        }
    }
}
