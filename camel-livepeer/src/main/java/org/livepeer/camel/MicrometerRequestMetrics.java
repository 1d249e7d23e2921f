package org.livepeer.camel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * Micrometer meters for requests: {@code livepeer.batch.requests} (a timer tagged pipeline, model,
 * orchestrator, outcome), {@code livepeer.batch.paid.wei} (a counter with the same tags but
 * outcome) and {@code livepeer.live.segments} (a timer tagged session, channel, outcome). Loaded
 * only when Micrometer is on the class path.
 */
final class MicrometerRequestMetrics implements RequestMetrics {

    private final MeterRegistry registry;

    private MicrometerRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters in the Camel registry's {@link MeterRegistry}, or {@link RequestMetrics#NONE} without one. */
    static RequestMetrics of(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry == null ? NONE : new MicrometerRequestMetrics(registry);
    }

    @Override
    public void batch(
            String pipeline, String model, String orchestrator, String outcome, Duration took, BigDecimal paidWei) {
        String[] tags = {
            "pipeline", pipeline, "model", String.valueOf(model), "orchestrator", String.valueOf(orchestrator)
        };
        Timer.builder("livepeer.batch.requests")
                .description("Batch AI requests: how long they took, by outcome")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
        if (paidWei != null && paidWei.signum() > 0) {
            Counter.builder("livepeer.batch.paid.wei")
                    .description("Wei paid for batch AI requests")
                    .tags(tags)
                    .register(registry)
                    .increment(paidWei.doubleValue());
        }
    }

    @Override
    public void live(String session, String channel, String outcome, Duration took) {
        Timer.builder("livepeer.live.segments")
                .description("Live segments and control messages handed to a session, by outcome")
                .tag("session", session)
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }
}
