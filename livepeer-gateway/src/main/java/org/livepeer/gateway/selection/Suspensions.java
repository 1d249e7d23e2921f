package org.livepeer.gateway.selection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.gateway.OrchestratorAddress;

/**
 * Orchestrators that failed recently and are avoided for a while: the first failure suspends for
 * the initial period, each further one doubles it up to a maximum; a success clears the record.
 */
public final class Suspensions {

    /** Why and until when an orchestrator is suspended. */
    public record Suspension(Instant until, int failures, String reason) {}

    private final Map<OrchestratorAddress, Suspension> suspended = new ConcurrentHashMap<>();
    private final Duration initial;
    private final Duration max;
    private final Clock clock;

    public Suspensions(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    public void failed(OrchestratorAddress address, String reason) {
        suspended.compute(address, (a, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            Duration period = initial.multipliedBy(1L << Math.min(failures - 1, 20));
            if (period.compareTo(max) > 0) {
                period = max;
            }
            return new Suspension(clock.instant().plus(period), failures, reason);
        });
    }

    public void succeeded(OrchestratorAddress address) {
        suspended.remove(address);
    }

    /** How long {@code suspension} still lasts, by this registry's clock. */
    public Duration remaining(Suspension suspension) {
        return Duration.between(clock.instant(), suspension.until());
    }

    /** The suspension in force for {@code address}, if any. */
    public Optional<Suspension> current(OrchestratorAddress address) {
        Suspension suspension = suspended.get(address);
        if (suspension == null || !clock.instant().isBefore(suspension.until())) {
            return Optional.empty();
        }
        return Optional.of(suspension);
    }
}
