package org.livepeer.simulator.live;

/** A snapshot of one live session, for tests and logs. */
public record LiveSessionStats(
        String manifestId,
        String modelId,
        long segmentsIn,
        long segmentsOut,
        long bytesIn,
        long controlMessages,
        long billings,
        String balance,
        boolean closed,
        String closeReason) {}
