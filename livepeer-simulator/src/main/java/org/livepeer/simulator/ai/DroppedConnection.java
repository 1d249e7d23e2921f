package org.livepeer.simulator.ai;

/**
 * go-livepeer dereferences some optional request fields unconditionally ({@code model_id},
 * {@code model}, text-to-speech {@code text}); without them its handler panics and Go's HTTP server
 * closes the connection without an answer. Thrown to reproduce that.
 */
final class DroppedConnection extends Exception {

    DroppedConnection(String field) {
        super("request without " + field + ": go-livepeer drops the connection", null, false, false);
    }
}
