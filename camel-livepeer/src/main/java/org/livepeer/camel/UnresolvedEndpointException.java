package org.livepeer.camel;

import org.apache.camel.NoSuchEndpointException;

/**
 * A {@code livepeer:} URI that could not become an endpoint (an unknown pipeline or option, a
 * value of the wrong type). Its message, its URI and the messages of its causes show every secret
 * option and the discovery URL's query as {@code xxxxxx}; the failure itself is its cause, or a
 * copy with masked messages (same type name and stack trace) when a message showed a secret.
 *
 * <p>Camel wraps any other failure of a component in a {@code ResolveEndpointFailedException}
 * whose message quotes the URI as written, with only the first of the component's own secret
 * options masked; a {@link NoSuchEndpointException} is the one failure it passes on unchanged.
 */
public class UnresolvedEndpointException extends NoSuchEndpointException {

    private final String maskedUri;
    private final String message;

    UnresolvedEndpointException(String uri, Throwable failure) {
        super(SecretParameters.mask(uri));
        this.maskedUri = SecretParameters.mask(uri);
        this.message = "Failed to resolve endpoint: " + maskedUri + " due to: "
                + SecretParameters.maskText(String.valueOf(failure.getMessage()));
        initCause(showsSecrets(failure) ? MaskedFailure.of(failure) : failure);
    }

    /** Whether a message of {@code failure} or its causes changes when masked. */
    private static boolean showsSecrets(Throwable failure) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(SecretParameters.maskText(message))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String getUri() {
        return maskedUri;
    }

    @Override
    public String getMessage() {
        return message;
    }

    /** A failure as it was (type, stack trace, causes) with its message masked. */
    private static final class MaskedFailure extends Exception {
        private final String type;

        private MaskedFailure(Throwable original) {
            super(SecretParameters.maskText(original.getMessage()));
            this.type = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        static MaskedFailure of(Throwable original) {
            MaskedFailure masked = new MaskedFailure(original);
            MaskedFailure last = masked;
            java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            seen.add(original);
            for (Throwable cause = original.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
                MaskedFailure next = new MaskedFailure(cause);
                last.initCause(next);
                last = next;
            }
            return masked;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? type : type + ": " + message;
        }
    }
}
