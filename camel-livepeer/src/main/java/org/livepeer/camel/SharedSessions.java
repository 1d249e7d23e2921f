package org.livepeer.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions of one kind (persistent app sessions, Scope sessions) of one component, by name:
 * endpoints naming the same session share it; the first to need it opens it, the last to let go
 * closes it and then runs the release action it was opened with.
 */
final class SharedSessions<T extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);

    private static final class Shared<T> {
        final CompletableFuture<T> session;
        final Runnable onClosed;
        int users;

        Shared(CompletableFuture<T> session, Runnable onClosed) {
            this.session = session;
            this.onClosed = onClosed;
        }
    }

    /** How to open a session and what to release once it is closed. */
    record Opening<T>(CompletableFuture<T> session, Runnable onClosed) {}

    private final String kind;
    private final Function<T, CompletableFuture<?>> closeAsync;
    private final Map<String, Shared<T>> sessions = new HashMap<>();

    /**
     * @param kind what the sessions are, for logs ("app session")
     * @param closeAsync closes a session without blocking, for one that opens after its last user left
     */
    SharedSessions(String kind, Function<T, CompletableFuture<?>> closeAsync) {
        this.kind = kind;
        this.closeAsync = closeAsync;
    }

    /** The session named {@code name}, opened with {@code opener} if it is not open (or failed to open). */
    synchronized CompletableFuture<T> acquire(String name, Supplier<Opening<T>> opener) {
        Shared<T> shared = sessions.get(name);
        if (shared == null || shared.session.isCompletedExceptionally()) {
            Opening<T> opening = opener.get();
            shared = new Shared<>(opening.session(), opening.onClosed());
            sessions.put(name, shared);
            LOG.info("{} {} opening", kind, name);
        }
        shared.users++;
        return shared.session;
    }

    /** Lets go of the session; the last user closes it. */
    void release(String name) {
        Shared<T> toClose = null;
        synchronized (this) {
            Shared<T> shared = sessions.get(name);
            if (shared == null) {
                return;
            }
            if (--shared.users <= 0) {
                sessions.remove(name);
                toClose = shared;
            }
        }
        if (toClose != null) {
            close(name, toClose);
        }
    }

    void closeAll() {
        Map<String, Shared<T>> all;
        synchronized (this) {
            all = new HashMap<>(sessions);
            sessions.clear();
        }
        all.forEach(this::close);
    }

    synchronized java.util.List<String> names() {
        return java.util.List.copyOf(new java.util.TreeSet<>(sessions.keySet()));
    }

    /**
     * Closes the session: at once (waiting, bounded by the session's own close) when it is open, or
     * without blocking once it has opened, since that may happen on an event loop.
     */
    private void close(String name, Shared<T> shared) {
        if (shared.session.isDone()) {
            T session = shared.session.isCompletedExceptionally() ? null : shared.session.join();
            try {
                if (session != null) {
                    session.close();
                    LOG.info("{} {} closed", kind, name);
                }
            } catch (Exception e) {
                LOG.warn("{} {}: closing it failed: {}", kind, name, e.getMessage());
            } finally {
                shared.onClosed.run();
            }
            return;
        }
        shared.session.whenComplete((session, openFailure) -> {
            if (session == null) {
                shared.onClosed.run();
                return;
            }
            closeAsync.apply(session).whenComplete((closed, error) -> {
                if (error != null) {
                    LOG.warn("{} {}: closing it failed: {}", kind, name, error.getMessage());
                } else {
                    LOG.info("{} {} closed", kind, name);
                }
                shared.onClosed.run();
            });
        });
    }
}
