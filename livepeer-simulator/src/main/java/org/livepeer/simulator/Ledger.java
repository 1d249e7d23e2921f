package org.livepeer.simulator;

import java.util.List;
import java.util.Map;
import org.livepeer.simulator.orchestrator.Balances;
import org.livepeer.simulator.payment.BigRational;

/**
 * The orchestrators' books at one moment: per orchestrator name, one entry per sender and manifest
 * id (batch work is booked under {@code <capability id>_<model id>}, live work under its manifest
 * id), crediting tickets at their expected value and debiting price × units.
 */
public record Ledger(Map<String, List<Balances.Entry>> byOrchestrator) {

    /** Everything tickets credited, over all orchestrators, senders and manifests. */
    public BigRational credited() {
        return sum(true);
    }

    /** Everything work debited, over all orchestrators, senders and manifests. */
    public BigRational debited() {
        return sum(false);
    }

    /** The entries of one orchestrator (empty when it booked nothing). */
    public List<Balances.Entry> of(String orchestrator) {
        return byOrchestrator.getOrDefault(orchestrator, List.of());
    }

    private BigRational sum(boolean credited) {
        BigRational total = BigRational.ZERO;
        for (List<Balances.Entry> entries : byOrchestrator.values()) {
            for (Balances.Entry entry : entries) {
                total = total.add(credited ? entry.credited() : entry.debited());
            }
        }
        return total;
    }
}
