package org.livepeer.camel;

import org.livepeer.gateway.Failures;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.ai.InvalidAiRequestException;

/**
 * The error an exchange fails with: always a documented {@link LivepeerException} subtype (see
 * docs/troubleshooting.md). Plain JDK exceptions about the message (an unreadable file body, a
 * stream sent twice) become {@link InvalidAiRequestException}.
 */
final class RouteErrors {

    private RouteErrors() {}

    static Throwable typed(Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof LivepeerException || cause instanceof Error) {
            return cause;
        }
        return new InvalidAiRequestException(String.valueOf(cause.getMessage()), cause);
    }
}
