package org.livepeer.gateway.live;

import java.math.BigDecimal;

/**
 * What a live job has done: segments and bytes in and out, control messages, payments made and
 * skipped, their value in wei, recoveries onto another orchestrator, and the last problem that is not
 * resolved yet (null once the same thing works again, e.g. a payment after a failed one, or after a
 * move).
 */
public record LiveJobStats(
        String manifestId,
        String orchestrator,
        long segmentsIn,
        long bytesIn,
        long segmentsOut,
        long controlMessages,
        long payments,
        long paymentsSkipped,
        BigDecimal paidWei,
        int recoveries,
        String lastError) {

    @Override
    public String toString() {
        return "LiveJobStats[manifestId=" + manifestId + ", orchestrator=" + orchestrator + ", segmentsIn=" + segmentsIn
                + ", bytesIn=" + bytesIn + ", segmentsOut=" + segmentsOut + ", controlMessages=" + controlMessages
                + ", payments=" + payments + ", paymentsSkipped=" + paymentsSkipped + ", paidWei="
                + org.livepeer.gateway.payment.WeiFormat.format(paidWei) + ", recoveries=" + recoveries + ", lastError="
                + lastError + "]";
    }
}
