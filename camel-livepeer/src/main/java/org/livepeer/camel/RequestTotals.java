package org.livepeer.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Totals of the component's requests (for JMX and the dev console), passed on to a meter binding. */
final class RequestTotals implements RequestMetrics {

    private final LongAdder batchRequests = new LongAdder();
    private final LongAdder batchFailures = new LongAdder();
    private final LongAdder liveMessages = new LongAdder();
    private final LongAdder liveFailures = new LongAdder();
    private volatile RequestMetrics meters = NONE;

    void meters(RequestMetrics meters) {
        this.meters = meters;
    }

    @Override
    public void batch(
            String pipeline, String model, String orchestrator, String outcome, Duration took, BigDecimal paidWei) {
        batchRequests.increment();
        if (!"success".equals(outcome)) {
            batchFailures.increment();
        }
        meters.batch(pipeline, model, orchestrator, outcome, took, paidWei);
    }

    @Override
    public void live(String session, String channel, String outcome, Duration took) {
        liveMessages.increment();
        if (!"success".equals(outcome)) {
            liveFailures.increment();
        }
        meters.live(session, channel, outcome, took);
    }

    long batchRequests() {
        return batchRequests.sum();
    }

    long batchFailures() {
        return batchFailures.sum();
    }

    long liveMessages() {
        return liveMessages.sum();
    }

    long liveFailures() {
        return liveFailures.sum();
    }
}
