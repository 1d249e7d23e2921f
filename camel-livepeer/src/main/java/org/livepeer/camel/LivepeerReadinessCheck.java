package org.livepeer.camel;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.livepeer.gateway.GatewayHealth;

/**
 * Readiness of the {@code livepeer} component: for every network, pipeline and model its started
 * endpoints use, the signer answers and at least one orchestrator is available. Down with the
 * first problem as its message; the details list each target (never a secret).
 */
final class LivepeerReadinessCheck extends AbstractHealthCheck {

    private final LivepeerComponent component;

    LivepeerReadinessCheck(LivepeerComponent component) {
        super("camel", "livepeer");
        this.component = component;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<ReadinessTarget> targets = component.readinessTargets();
        builder.detail("livepeer.targets", targets.size());
        String problem = null;
        for (int i = 0; i < targets.size(); i++) {
            ReadinessTarget target = targets.get(i);
            String prefix = "livepeer." + i + ".";
            builder.detail(prefix + "pipeline", target.pipeline().pipelineName());
            if (target.model() != null) {
                builder.detail(prefix + "model", target.model());
            }
            GatewayHealth health = component.health(target);
            builder.detail(prefix + "signer", health.signerProblem() == null ? "ok" : health.signerProblem());
            if (health.orchestrator() != null) {
                builder.detail(prefix + "orchestrator", health.orchestrator().authority());
            }
            if (problem == null && !health.isHealthy()) {
                problem = health.signerProblem() != null
                        ? "signer: " + health.signerProblem()
                        : target.pipeline().pipelineName() + ": " + health.orchestratorProblem();
            }
        }
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }
}
