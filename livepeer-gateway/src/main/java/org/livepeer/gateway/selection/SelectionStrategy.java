package org.livepeer.gateway.selection;

import java.util.Comparator;
import java.util.List;
import org.livepeer.gateway.OrchestratorAddress;

/**
 * How orchestrators are chosen. Implement it to route by your own rules (per tenant, per region,
 * allow-lists); the gateway still probes, filters by pipeline, model, capacity and price, and
 * suspends orchestrators that fail.
 */
public interface SelectionStrategy {

    /**
     * The orchestrators to probe for {@code request}, in order of preference. The default keeps
     * every known one; a strategy may drop or reorder them.
     */
    default List<OrchestratorAddress> candidates(SelectionRequest request, List<OrchestratorAddress> known) {
        return known;
    }

    /** Chooses among the suitable answers received (never empty). Default: cheapest, then fastest. */
    default Candidate choose(SelectionRequest request, List<Candidate> suitable) {
        return suitable.stream().min(CHEAPEST_THEN_FASTEST).orElseThrow();
    }

    Comparator<Candidate> CHEAPEST_THEN_FASTEST = Comparator.<Candidate, java.math.BigDecimal>comparing(
                    c -> c.offer().price() == null
                            ? java.math.BigDecimal.ZERO
                            : c.offer().price())
            .thenComparing(Candidate::latency);

    /** Cheapest, then fastest. */
    SelectionStrategy DEFAULT = new SelectionStrategy() {};
}
