package org.livepeer.examples.http;

/** The HTTP request cannot become a pipeline request: answered 400 with this message. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }

    BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
