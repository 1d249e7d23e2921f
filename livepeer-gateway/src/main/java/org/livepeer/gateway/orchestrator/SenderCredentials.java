package org.livepeer.gateway.orchestrator;

import java.util.concurrent.CompletableFuture;

/** The payment sender's address and its signature over that address, sent with {@code GetOrchestrator}. */
public record SenderCredentials(byte[] address, byte[] signature) {

    /** Offchain: no sender. */
    public static final SenderCredentials NONE = new SenderCredentials(new byte[0], new byte[0]);

    /** Where credentials come from: the remote signer (fetched once, cached) or nowhere (offchain). */
    @FunctionalInterface
    public interface Source {
        CompletableFuture<SenderCredentials> credentials();

        Source OFFCHAIN = () -> CompletableFuture.completedFuture(NONE);
    }
}
