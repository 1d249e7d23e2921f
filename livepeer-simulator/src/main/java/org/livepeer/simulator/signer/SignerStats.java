package org.livepeer.simulator.signer;

import java.util.Map;
import java.util.TreeMap;
import org.livepeer.simulator.payment.BigRational;

/** What a remote signer has done so far; updated by its handlers, read by tests and the simulator. */
public final class SignerStats {

    private long paymentsGenerated;
    private long ticketsIssued;
    private BigRational feesCharged = BigRational.ZERO;
    private long orchestratorInfoSignatures;
    private final Map<Integer, Long> paymentStatusCounts = new TreeMap<>();

    /**
     * A consistent copy.
     *
     * @param paymentStatusCounts answers of {@code /generate-live-payment} by HTTP status (injected
     *     faults excepted)
     */
    public record Snapshot(
            long paymentsGenerated,
            long ticketsIssued,
            BigRational feesCharged,
            long orchestratorInfoSignatures,
            Map<Integer, Long> paymentStatusCounts) {

        public long count(int status) {
            return paymentStatusCounts.getOrDefault(status, 0L);
        }

        /** {@code /generate-live-payment} requests answered, whatever the status (injected faults excepted). */
        public long paymentRequests() {
            return paymentStatusCounts.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    synchronized void paymentGenerated(int tickets, BigRational fee) {
        paymentsGenerated++;
        ticketsIssued += tickets;
        feesCharged = feesCharged.add(fee);
    }

    synchronized void paymentAnswered(int status) {
        paymentStatusCounts.merge(status, 1L, Long::sum);
    }

    synchronized void orchestratorInfoSigned() {
        orchestratorInfoSignatures++;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(
                paymentsGenerated,
                ticketsIssued,
                feesCharged,
                orchestratorInfoSignatures,
                Map.copyOf(paymentStatusCounts));
    }
}
