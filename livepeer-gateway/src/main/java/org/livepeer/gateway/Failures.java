package org.livepeer.gateway;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for failures that travel through {@code CompletableFuture}s. */
public final class Failures {

    private Failures() {}

    /** The failure itself, without the {@code CompletionException}/{@code ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
