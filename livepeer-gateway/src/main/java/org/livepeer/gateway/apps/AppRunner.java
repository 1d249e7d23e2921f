package org.livepeer.gateway.apps;

import java.net.URI;
import org.livepeer.gateway.OrchestratorAddress;

/**
 * One runner an orchestrator advertises: the app it serves, its version and metadata (opaque text),
 * mode, capacity, price (null when it runs offchain, for free) and the orchestrator URL clients use:
 * {@code …/apps/{route}/session} to reserve a persistent session, {@code …/apps/{route}/app} for
 * single-shot calls.
 */
public record AppRunner(
        OrchestratorAddress orchestrator,
        String url,
        String app,
        String version,
        String metadata,
        RunnerMode mode,
        int capacity,
        int capacityUsed,
        int capacityAvailable,
        RunnerPrice price) {

    /** No payment challenge: the runner is free (offchain). */
    public boolean isFree() {
        return price == null;
    }

    /** The route label in the runner's URL (a runner id or a static label). */
    public String route() {
        String path = URI.create(url).getRawPath();
        int apps = path.lastIndexOf("/apps/");
        if (apps < 0) {
            return "";
        }
        String rest = path.substring(apps + "/apps/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    @Override
    public String toString() {
        return app + (version == null || version.isEmpty() ? "" : "@" + version) + " on " + orchestrator + " ("
                + mode.wireName() + ", " + capacityAvailable + "/" + capacity + " free, "
                + (price == null ? "free" : price.toString()) + ")";
    }
}
