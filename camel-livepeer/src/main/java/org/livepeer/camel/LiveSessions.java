package org.livepeer.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.livepeer.gateway.live.LiveVideoJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions of one component, by name. Endpoints that name the same session share one
 * {@link LiveVideoJob}: the first to need it starts it, and the last to let go of it closes it.
 */
final class LiveSessions {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSessions.class);

    private static final class Shared {
        final CompletableFuture<LiveVideoJob> job;
        int users;

        Shared(CompletableFuture<LiveVideoJob> job) {
            this.job = job;
        }
    }

    private final Map<String, Shared> sessions = new HashMap<>();

    /** The session named {@code name}, started with {@code starter} if it is not running. */
    synchronized CompletableFuture<LiveVideoJob> acquire(
            String name, Supplier<CompletableFuture<LiveVideoJob>> starter) {
        Shared shared = sessions.get(name);
        if (shared == null || shared.job.isCompletedExceptionally()) {
            Shared failed = shared;
            shared = new Shared(starter.get());
            // those still holding the failed start let go of the new one when they release
            shared.users = failed == null ? 0 : failed.users;
            sessions.put(name, shared);
            LOG.info("live session {} starting", name);
        }
        shared.users++;
        return shared.job;
    }

    /** The names of the sessions running or starting. */
    synchronized java.util.List<String> names() {
        return java.util.List.copyOf(new java.util.TreeSet<>(sessions.keySet()));
    }

    /** The session if it is running (started successfully). */
    synchronized java.util.Optional<LiveVideoJob> running(String name) {
        Shared shared = sessions.get(name);
        if (shared == null || !shared.job.isDone() || shared.job.isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(shared.job.join());
    }

    /** Lets go of the session; the last user closes it (and then runs {@code onClosed}). */
    void release(String name, Runnable onClosed) {
        CompletableFuture<LiveVideoJob> toClose = null;
        synchronized (this) {
            Shared shared = sessions.get(name);
            if (shared == null) {
                return;
            }
            if (--shared.users <= 0) {
                sessions.remove(name);
                toClose = shared.job;
            }
        }
        if (toClose != null) {
            close(name, toClose, onClosed);
        }
    }

    void closeAll() {
        Map<String, Shared> all;
        synchronized (this) {
            all = new HashMap<>(sessions);
            sessions.clear();
        }
        all.forEach((name, shared) -> close(name, shared.job, () -> {}));
    }

    /**
     * Closes the session once it has started; {@code onClosed} runs in every case, also when the
     * start failed (that failure already reached the route), and a failed close is logged.
     */
    private static void close(String name, CompletableFuture<LiveVideoJob> job, Runnable onClosed) {
        job.whenComplete((started, startFailure) -> {
            try {
                if (started != null) {
                    started.close();
                    LOG.info("live session {} stopped", name);
                } else {
                    LOG.debug("live session {} ended without starting: {}", name, startFailure.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("live session {}: closing it failed: {}", name, e.getMessage(), e);
            } finally {
                onClosed.run();
            }
        });
    }
}
