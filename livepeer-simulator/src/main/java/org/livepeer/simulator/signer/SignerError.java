package org.livepeer.simulator.signer;

import java.util.Map;

/** A refusal of the signer: HTTP status and go-livepeer's message, plus any response headers. */
final class SignerError extends Exception {

    private final int status;
    private final Map<String, String> headers;

    SignerError(int status, String message) {
        this(status, message, Map.of());
    }

    SignerError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static SignerError badRequest(String message) {
        return new SignerError(400, message);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
