package org.livepeer.simulator.orchestrator;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults for the next {@code GetOrchestrator} calls: each queued fault applies to one call, in
 * order; {@link #always} applies to every call until cleared.
 */
public final class GrpcFaults {

    /** What a faulty call does. Exactly one of {@code status} or {@code hangs} matters after the delay. */
    public record Fault(Duration delay, Status status, boolean hangs) {

        public static Fault delay(Duration delay) {
            return new Fault(delay, null, false);
        }

        public static Fault fail(Status status) {
            return new Fault(Duration.ZERO, status, false);
        }

        public static Fault hanging() {
            return new Fault(Duration.ZERO, null, true);
        }
    }

    private final ConcurrentLinkedQueue<Fault> next = new ConcurrentLinkedQueue<>();
    private volatile Fault always;

    public void next(Fault fault) {
        next.add(fault);
    }

    public void always(Fault fault) {
        this.always = fault;
    }

    public void clear() {
        next.clear();
        always = null;
    }

    Fault take() {
        Fault fault = next.poll();
        return fault != null ? fault : always;
    }
}
