package org.livepeer.camel.mpegts;

/**
 * The start of one segment.
 *
 * @param sequence the segment's number, from 0
 * @param pts the presentation time stamp of its first keyframe (90 kHz units, 33 bits), or -1 if the
 *     PES carried none
 * @param repeatedTableBytes how many bytes at the segment's head are copies of earlier PAT/PMT packets
 *     rather than input at this point (0 when the source already sent them before the keyframe)
 */
public record SegmentStart(long sequence, long pts, int repeatedTableBytes) {

    public boolean hasPts() {
        return pts >= 0;
    }
}
