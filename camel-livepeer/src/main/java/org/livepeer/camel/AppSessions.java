package org.livepeer.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.livepeer.gateway.apps.AppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent app sessions of one component, by name: endpoints naming the same session share
 * it; the first to need it opens it, the last to let go stops it (which frees the runner's slot and
 * ends its payments) and then runs the release action it was opened with.
 */
final class AppSessions {

    private static final Logger LOG = LoggerFactory.getLogger(AppSessions.class);

    private static final class Shared {
        final CompletableFuture<AppSession> session;
        final Runnable onClosed;
        int users;

        Shared(CompletableFuture<AppSession> session, Runnable onClosed) {
            this.session = session;
            this.onClosed = onClosed;
        }
    }

    /** How to open a session and what to release once it is closed. */
    record Opening(CompletableFuture<AppSession> session, Runnable onClosed) {}

    private final Map<String, Shared> sessions = new HashMap<>();

    /** The session named {@code name}, opened with {@code opener} if it is not open (or failed to open). */
    synchronized CompletableFuture<AppSession> acquire(String name, Supplier<Opening> opener) {
        Shared shared = sessions.get(name);
        if (shared == null || shared.session.isCompletedExceptionally()) {
            Opening opening = opener.get();
            shared = new Shared(opening.session(), opening.onClosed());
            sessions.put(name, shared);
            LOG.info("app session {} opening", name);
        }
        shared.users++;
        return shared.session;
    }

    /** Lets go of the session; the last user closes it. */
    void release(String name) {
        Shared toClose = null;
        synchronized (this) {
            Shared shared = sessions.get(name);
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
        Map<String, Shared> all;
        synchronized (this) {
            all = new HashMap<>(sessions);
            sessions.clear();
        }
        all.forEach(AppSessions::close);
    }

    synchronized java.util.List<String> names() {
        return java.util.List.copyOf(new java.util.TreeSet<>(sessions.keySet()));
    }

    /**
     * Stops the session: at once (waiting for the orchestrator's answer, bounded) when it is open, or
     * without blocking once it has opened, since that may happen on an event loop.
     */
    private static void close(String name, Shared shared) {
        if (shared.session.isDone()) {
            AppSession session = shared.session.isCompletedExceptionally() ? null : shared.session.join();
            try {
                if (session != null) {
                    session.close();
                    LOG.info("app session {} stopped", name);
                }
            } catch (RuntimeException e) {
                LOG.warn("app session {}: stopping it failed: {}", name, e.getMessage());
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
            session.stop().whenComplete((stopped, error) -> {
                if (error != null) {
                    LOG.warn("app session {}: stopping it failed: {}", name, error.getMessage());
                } else {
                    LOG.info("app session {} stopped", name);
                }
                shared.onClosed.run();
            });
        });
    }
}
