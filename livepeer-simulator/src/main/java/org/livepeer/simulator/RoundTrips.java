package org.livepeer.simulator;

/**
 * The calls a gateway made into the network so far: signer payment requests ({@code
 * /generate-live-payment}, any status) and sender-credential signatures, {@code GetOrchestrator}
 * calls and HTTP calls to the orchestrators' APIs (batch pipelines, live starts, payments; trickle
 * excepted), summed over all orchestrators. Take one before and one after a run and {@link #minus}
 * them for the run's own.
 */
public record RoundTrips(long signerPayments, long signerCredentials, long getOrchestrator, long orchestratorHttp) {

    public RoundTrips minus(RoundTrips earlier) {
        return new RoundTrips(
                signerPayments - earlier.signerPayments,
                signerCredentials - earlier.signerCredentials,
                getOrchestrator - earlier.getOrchestrator,
                orchestratorHttp - earlier.orchestratorHttp);
    }
}
