package org.livepeer.trickle;

/**
 * A snapshot of a {@link TricklePublisher}'s counters.
 *
 * @param segmentsStarted segments handed to the caller
 * @param segmentsCompleted segments the server acknowledged
 * @param segmentsFailed segments that failed or were aborted
 * @param bytesSent segment body bytes written to the server
 * @param retries POSTs repeated because the server had consumed none of the body
 * @param consecutiveFailures segment failures since the last success
 * @param terminalReason why the publisher stopped for good, or null while it works
 */
public record PublisherStats(
        long segmentsStarted,
        long segmentsCompleted,
        long segmentsFailed,
        long bytesSent,
        long retries,
        int consecutiveFailures,
        TrickleException.Kind terminalReason) {}
