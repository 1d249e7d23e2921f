package org.livepeer.simulator.ai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.orchestrator.OrchestratorError;
import org.livepeer.simulator.orchestrator.OrchestratorServices;

/** Records what the batch API asks of its orchestrator; can refuse payment or capacity. */
final class FakeOrchestratorServices implements OrchestratorServices {

    record Debit(Capability capability, String modelId, long units) {}

    final List<Debit> debits = new CopyOnWriteArrayList<>();
    final AtomicInteger payments = new AtomicInteger();
    final AtomicInteger reservations = new AtomicInteger();
    final AtomicInteger openSlots = new AtomicInteger();
    volatile OrchestratorError paymentRefusal;
    volatile OrchestratorError capacityRefusal;
    volatile String baseUrl = "http://unset";

    @Override
    public PaidRequest acceptPayment(HttpCall call, Capability capability, String modelId) throws OrchestratorError {
        payments.incrementAndGet();
        OrchestratorError refusal = paymentRefusal;
        if (refusal != null) {
            throw refusal;
        }
        return new PaidRequest() {
            @Override
            public void debit(long units) {
                debits.add(new Debit(capability, modelId, units));
            }

            @Override
            public String balance() {
                return "0";
            }
        };
    }

    @Override
    public CapacitySlot reserveCapacity(Capability capability, String modelId) throws OrchestratorError {
        OrchestratorError refusal = capacityRefusal;
        if (refusal != null) {
            throw refusal;
        }
        reservations.incrementAndGet();
        openSlots.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                throw new IllegalStateException("capacity released twice");
            }
            openSlots.decrementAndGet();
        };
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }
}
