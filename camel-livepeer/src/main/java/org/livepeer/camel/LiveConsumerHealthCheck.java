package org.livepeer.camel;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness of one live consumer ({@code livepeer-consumer:<routeId>}): down once its session failed
 * to start, failed, or its stream ended, after which only restarting the route helps. Camel's
 * consumer check of the route ({@code consumer:<routeId>}) reports the same state for readiness.
 */
final class LiveConsumerHealthCheck extends AbstractHealthCheck {

    private final LiveConsumer consumer;

    LiveConsumerHealthCheck(LiveConsumer consumer, String routeId) {
        super("camel", "livepeer-consumer:" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("livepeer.session", consumer.session());
        String problem = consumer.problem();
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }
}
