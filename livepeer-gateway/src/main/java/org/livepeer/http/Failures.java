package org.livepeer.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns Netty and JDK exceptions into {@link TransportException}s for one request. */
final class Failures {

    private Failures() {}

    /** A failure to get a connection (TCP connect or TLS handshake). */
    static TransportException connecting(String target, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TransportException transport) {
            return transport;
        }
        if (cause instanceof ConnectTimeoutException) {
            return new TransportException(TransportException.Kind.CONNECT_TIMEOUT, target, null, cause);
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return new TransportException(
                    TransportException.Kind.CONNECT_TIMEOUT, target, "TLS handshake did not complete", cause);
        }
        if (isTls(cause)) {
            return new TransportException(TransportException.Kind.TLS_HANDSHAKE, target, null, tlsCause(cause));
        }
        return new TransportException(TransportException.Kind.CONNECT_FAILED, target, null, cause);
    }

    /** A failure on an established connection. */
    static TransportException connectionLost(String target, String detail, Throwable error) {
        Throwable cause = error == null ? null : unwrap(error);
        if (cause instanceof DecoderException && !isTls(cause)) {
            return new TransportException(TransportException.Kind.PROTOCOL_ERROR, target, detail, cause.getCause());
        }
        return new TransportException(TransportException.Kind.CONNECTION_CLOSED, target, detail, cause);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isTls(Throwable cause) {
        return tlsCause(cause) != null;
    }

    /** The SSLException in the chain (a DecoderException from the TLS handler wraps one). */
    private static SSLException tlsCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
