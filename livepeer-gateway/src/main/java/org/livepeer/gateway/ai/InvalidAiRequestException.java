package org.livepeer.gateway.ai;

import org.livepeer.gateway.LivepeerException;

/**
 * The request cannot be sent as it is (a missing field, an image whose size cannot be read, an
 * audio file whose duration is unknown); no orchestrator was contacted.
 */
public class InvalidAiRequestException extends LivepeerException {

    public InvalidAiRequestException(String message) {
        super(message);
    }

    public InvalidAiRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
