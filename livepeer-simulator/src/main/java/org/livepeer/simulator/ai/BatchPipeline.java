package org.livepeer.simulator.ai;

import org.livepeer.simulator.Capability;

/**
 * One batch pipeline of the orchestrator: what go-livepeer checks before it takes capacity and
 * payment ({@link #prepare}), and the simulated runner's work behind it ({@link PreparedWork#work}).
 */
interface BatchPipeline {

    Capability capability();

    /** Decodes the body as go-livepeer does for this pipeline (JSON or multipart). */
    RequestFields parse(String contentType, byte[] body) throws AiHttpError;

    /**
     * Reads what the orchestrator itself needs: model id and billing units, failing as it does
     * (400 on undecodable images, dropped connection on a missing model id). Fields only the runner
     * validates are checked in the returned work, after payment.
     */
    PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection;

    /** @param units what go-livepeer debits for the request (pixels, milliseconds, tokens, …) */
    record PreparedWork(String modelId, long units, Work work) {}

    /** The runner's part; its failures reach the gateway as go-livepeer relays runner errors. */
    @FunctionalInterface
    interface Work {
        Reply run() throws AiHttpError;
    }
}
