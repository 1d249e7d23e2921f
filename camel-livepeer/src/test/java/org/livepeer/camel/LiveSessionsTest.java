package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.live.LiveVideoJob;

class LiveSessionsTest {

    private final LiveSessions sessions = new LiveSessions();

    @Test
    void whatASessionHoldsIsReleasedEvenWhenItsStartFailed() {
        CompletableFuture<LiveVideoJob> failedStart =
                CompletableFuture.failedFuture(new LivepeerException("no orchestrator"));
        AtomicInteger released = new AtomicInteger();

        sessions.acquire("s1", () -> failedStart);
        sessions.release("s1", released::incrementAndGet);

        assertEquals(1, released.get(), "the release ran although the session never started");
    }

    @Test
    void aSessionStillStartingIsReleasedWhenItsStartCompletes() {
        CompletableFuture<LiveVideoJob> starting = new CompletableFuture<>();
        AtomicInteger released = new AtomicInteger();
        sessions.acquire("s1", () -> starting);
        sessions.acquire("s1", () -> starting);

        sessions.release("s1", released::incrementAndGet);
        assertEquals(0, released.get(), "one user is left");
        sessions.release("s1", released::incrementAndGet);
        assertEquals(0, released.get(), "waits for the start");
        starting.completeExceptionally(new LivepeerException("gave up"));

        assertEquals(1, released.get());
        assertTrue(sessions.running("s1").isEmpty());
    }

    @Test
    void aSessionWhoseStartFailedStartsAgainForItsNextUserAndEveryHolderStillCounts() {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        CompletableFuture<LiveVideoJob> second = new CompletableFuture<>();
        sessions.acquire("s1", () -> {
            starts.incrementAndGet();
            return CompletableFuture.failedFuture(new LivepeerException("no orchestrator"));
        });
        sessions.acquire("s1", () -> {
            starts.incrementAndGet();
            return second;
        });
        assertEquals(2, starts.get(), "the failed start was not handed out again");

        sessions.release("s1", released::incrementAndGet);
        assertEquals(0, released.get(), "the second user still holds the session");
        assertEquals(java.util.List.of("s1"), sessions.names(), "the session was not let go of");
        sessions.release("s1", released::incrementAndGet);
        second.completeExceptionally(new LivepeerException("gave up"));
        assertEquals(1, released.get());
    }
}
