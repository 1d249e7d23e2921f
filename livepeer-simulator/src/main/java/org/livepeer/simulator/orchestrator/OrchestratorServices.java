package org.livepeer.simulator.orchestrator;

import org.livepeer.simulator.Capability;
import org.livepeer.simulator.http.HttpCall;

/**
 * What an orchestrator offers to the handlers of its HTTP API: payment processing, capacity and
 * where its files are served. Implemented by the simulated orchestrator.
 */
public interface OrchestratorServices {

    /**
     * Processes the payment of an AI request: validates {@code Livepeer-Payment} and
     * {@code Livepeer-Segment} (offchain: the auth token in the segment credentials), credits the
     * sender's balance with the tickets' value and checks that it covers the fee.
     *
     * @throws OrchestratorError with go-livepeer's status and message when the payment is refused
     */
    PaidRequest acceptPayment(HttpCall call, Capability capability, String modelId) throws OrchestratorError;

    /**
     * Takes one unit of capacity for {@code capability}/{@code modelId}.
     *
     * @throws OrchestratorError 503 "insufficient capacity" when none is free, 400 when the model is
     *     not offered
     */
    CapacitySlot reserveCapacity(Capability capability, String modelId) throws OrchestratorError;

    /** The orchestrator's HTTP base URL, e.g. for download links; no trailing slash. */
    String baseUrl();

    /** A paid request: debit its fee once the work size is known. */
    interface PaidRequest {
        /** Debits {@code units} (pixels, or the pipeline's billing unit) at the model's price. */
        void debit(long units);

        /** The sender's balance after the debits so far, in wei (may be fractional). */
        String balance();
    }

    /** One reserved unit of capacity; close to release it. */
    interface CapacitySlot extends AutoCloseable {
        @Override
        void close();
    }
}
