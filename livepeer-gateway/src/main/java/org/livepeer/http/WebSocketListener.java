package org.livepeer.http;

/**
 * Receives a WebSocket's messages and its end. Called on the connection's event loop, one call at a
 * time and in order: never block in it.
 */
public interface WebSocketListener {

    /** A whole text message (fragments are joined). */
    default void onText(WebSocketConnection socket, String text) {}

    /** A whole binary message (fragments are joined). */
    default void onBinary(WebSocketConnection socket, byte[] data) {}

    /**
     * The connection ended: {@code code} and {@code reason} from the peer's close frame, or 1006 and
     * an explanation when it ended without one. Called once.
     */
    default void onClose(WebSocketConnection socket, int code, String reason) {}

    /** The connection failed after it was open (before {@link #onClose}). */
    default void onError(WebSocketConnection socket, Throwable error) {}
}
