package org.livepeer.gateway.payment;

import java.math.BigDecimal;

/**
 * What the batch payments to one orchestrator did: requests charged, signer calls made, tickets
 * sent and their expected value, fees of the requests (price × units), the credit left as this
 * gateway sees it, and how often the credit was reset after a refused payment.
 */
public record BatchPaymentStats(
        long charges,
        long signerCalls,
        long tickets,
        BigDecimal ticketValueWei,
        BigDecimal feesWei,
        BigDecimal creditWei,
        long resets) {}
