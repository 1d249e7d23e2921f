package org.livepeer.gateway.selection;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.gateway.NoOrchestratorAvailableException.Rejection;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.SignerException;
import org.livepeer.gateway.orchestrator.Offer;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.orchestrator.OrchestratorSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an orchestrator fast: probes every candidate at once, and as soon as one suitable answer
 * arrives waits only a short window for better ones before choosing, so slow and dead
 * orchestrators never hold a request up beyond that. The window ends on its timer, or at the first
 * answer or failure after it ran out, whichever comes first: a timer queued behind busy work (TLS
 * handshakes with the other candidates, say) does not stretch it. Failures suspend an orchestrator (with
 * backoff); when none is usable, the error lists every orchestrator and why.
 */
public final class OrchestratorSelector {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorSelector.class);

    private final OrchestratorSessions sessions;
    private final Suspensions suspensions;
    private final SelectionStrategy strategy;
    private final Duration window;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;

    public OrchestratorSelector(
            OrchestratorSessions sessions,
            Suspensions suspensions,
            SelectionStrategy strategy,
            Duration window,
            ScheduledExecutorService timer) {
        this(sessions, suspensions, strategy, window, timer, System::nanoTime);
    }

    /** With the monotonic clock the window is measured on (tests pass a fake one). */
    OrchestratorSelector(
            OrchestratorSessions sessions,
            Suspensions suspensions,
            SelectionStrategy strategy,
            Duration window,
            ScheduledExecutorService timer,
            LongSupplier nanoTime) {
        this.sessions = sessions;
        this.suspensions = suspensions;
        this.strategy = strategy;
        this.window = window;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    public Suspensions suspensions() {
        return suspensions;
    }

    /**
     * Selects among {@code known} (or only the pinned orchestrator), skipping {@code exclude}
     * (orchestrators that already failed this request).
     */
    public CompletableFuture<OrchestratorSession> select(
            SelectionRequest request, List<OrchestratorAddress> known, Collection<OrchestratorAddress> exclude) {
        List<OrchestratorAddress> candidates =
                request.pinned() != null ? List.of(request.pinned()) : strategy.candidates(request, known);
        Round round = new Round(request);
        List<OrchestratorAddress> toProbe = new ArrayList<>();
        for (OrchestratorAddress address : candidates) {
            if (exclude.contains(address)) {
                round.skip(address, "already failed for this request");
                continue;
            }
            var suspension = suspensions.current(address);
            if (suspension.isPresent() && request.pinned() == null) {
                long seconds =
                        Math.max(1, suspensions.remaining(suspension.get()).toSeconds());
                round.skip(
                        address,
                        "suspended for " + seconds + " s after: "
                                + suspension.get().reason());
                continue;
            }
            toProbe.add(address);
        }
        round.expect(toProbe.size());
        for (OrchestratorAddress address : toProbe) {
            OrchestratorSession session = sessions.get(address, request.pipeline(), request.modelId());
            session.info().whenComplete((info, error) -> {
                if (error != null && org.livepeer.gateway.Failures.unwrap(error) instanceof SignerException signer) {
                    // without the signer's credentials no orchestrator can be asked: not this one's fault
                    round.signerFailed(signer);
                } else if (error != null) {
                    String reason = reason(error);
                    suspensions.failed(address, reason);
                    round.failed(address, reason);
                } else {
                    suspensions.succeeded(address);
                    round.answered(session);
                }
            });
        }
        return round.result;
    }

    private static String reason(Throwable error) {
        Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
        return cause instanceof LivepeerException ? cause.getMessage() : String.valueOf(cause);
    }

    /** The answers of one selection, and its outcome. */
    private final class Round {
        private final SelectionRequest request;
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<Candidate> suitable = new ArrayList<>();
        private final CompletableFuture<OrchestratorSession> result = new CompletableFuture<>();
        private int outstanding = -1;
        private boolean windowStarted;
        private long windowEndsNanos;

        Round(SelectionRequest request) {
            this.request = request;
        }

        synchronized void expect(int probes) {
            outstanding = probes;
            decideIfDone();
        }

        /** Not probed at all. */
        synchronized void skip(OrchestratorAddress address, String reason) {
            rejections.add(new Rejection(address.authority(), reason));
        }

        /** The signer failed, so no orchestrator can be probed: the signer's error is the outcome. */
        synchronized void signerFailed(SignerException error) {
            outstanding--;
            result.completeExceptionally(error);
        }

        /** Probed, and the probe failed. */
        synchronized void failed(OrchestratorAddress address, String reason) {
            rejections.add(new Rejection(address.authority(), reason));
            outstanding--;
            decideIfDone();
            decideIfWindowOver();
        }

        synchronized void answered(OrchestratorSession session) {
            outstanding--;
            Offer offer = session.offer();
            String unsuitable = unsuitable(offer);
            if (unsuitable != null) {
                rejections.add(new Rejection(session.address().authority(), unsuitable));
            } else {
                suitable.add(
                        new Candidate(session, offer, session.latency() == null ? Duration.ZERO : session.latency()));
                if (!windowStarted && outstanding > 0) {
                    windowStarted = true;
                    windowEndsNanos = nanoTime.getAsLong() + window.toNanos();
                    timer.schedule(this::decide, window.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            decideIfDone();
            decideIfWindowOver();
        }

        private String unsuitable(Offer offer) {
            if (!offer.hasModel()) {
                return "does not offer " + request.describe();
            }
            if (offer.idleCapacity() <= 0) {
                return "no free capacity for " + request.describe();
            }
            BigDecimal max = request.maxPricePerUnit();
            BigDecimal price = offer.price();
            if (max != null && price != null && price.compareTo(max) > 0) {
                return "price " + price.toPlainString() + " wei per unit exceeds the maximum " + max.toPlainString();
            }
            return null;
        }

        private void decideIfDone() {
            if (outstanding == 0) {
                decide();
            }
        }

        /** The window ran out while its timer waits to run: the answers in hand decide now. */
        private void decideIfWindowOver() {
            if (windowStarted && nanoTime.getAsLong() - windowEndsNanos >= 0) {
                decide();
            }
        }

        synchronized void decide() {
            if (result.isDone() || outstanding < 0) {
                return;
            }
            if (!suitable.isEmpty()) {
                Candidate chosen = strategy.choose(request, List.copyOf(suitable));
                LOG.debug(
                        "selected {} for {} among {} suitable",
                        chosen.session().address(),
                        request.describe(),
                        suitable.size());
                result.complete(chosen.session());
            } else if (outstanding == 0) {
                result.completeExceptionally(
                        new NoOrchestratorAvailableException(request.describe(), List.copyOf(rejections)));
            }
        }
    }
}
