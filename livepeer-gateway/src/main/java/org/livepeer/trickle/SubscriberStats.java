package org.livepeer.trickle;

/**
 * A snapshot of a {@link TrickleSubscriber}'s counters.
 *
 * @param segmentsDelivered segments handed to the caller
 * @param bytesRead body bytes the caller has read
 * @param gaps times the seq jumped forward because the server no longer had the wanted segment (470
 *     behind the live edge) or answered with another seq
 * @param resets 470 answers (segment does not exist, behind or ahead of the live edge)
 * @param segmentsSkipped segments passed over by {@link LagPolicy#SKIP_TO_LATEST}
 * @param emptySegments delivered segments without any byte (published empty, or closed by a publisher reset)
 * @param retries GETs repeated after a transient failure
 * @param endReason why the stream ended, or null while it runs
 */
public record SubscriberStats(
        long segmentsDelivered,
        long bytesRead,
        long gaps,
        long resets,
        long segmentsSkipped,
        long emptySegments,
        long retries,
        TrickleException.Kind endReason) {}
