package org.livepeer.camel;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What the producers report per request and per live segment. The component keeps totals for JMX
 * and the dev console; with Micrometer and a registry, meters are recorded too.
 */
interface RequestMetrics {

    /** A batch request finished: {@code outcome} is {@code success} or the failure's type. */
    void batch(String pipeline, String model, String orchestrator, String outcome, Duration took, BigDecimal paidWei);

    /** A live segment (or control message) was handed over, or failed. */
    void live(String session, String channel, String outcome, Duration took);

    RequestMetrics NONE = new RequestMetrics() {
        @Override
        public void batch(
                String pipeline,
                String model,
                String orchestrator,
                String outcome,
                Duration took,
                BigDecimal paidWei) {}

        @Override
        public void live(String session, String channel, String outcome, Duration took) {}
    };

    /** The outcome tag of a failure: its type, a small fixed set for this project's errors. */
    static String outcome(Throwable failure) {
        return failure == null ? "success" : failure.getClass().getSimpleName();
    }
}
