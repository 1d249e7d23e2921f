package org.livepeer.trickle;

/**
 * A segment the server acknowledged.
 *
 * @param seq the segment's sequence number
 * @param bytes body bytes sent
 * @param attempts POSTs it took (2 when it was retried)
 */
public record PublishedSegment(long seq, long bytes, int attempts) {}
