package org.livepeer.gateway.live;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.payment.PaymentStats;
import org.livepeer.trickle.PublishedSegment;
import org.livepeer.trickle.Segment;
import org.livepeer.trickle.SegmentWriter;
import org.livepeer.trickle.TrickleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent live video-to-video session. Input segments go out on the input channel, the
 * model's output segments come back on the output channel, JSON parameter updates go out on the
 * control channel (with a keepalive every 10 s) and the runner's events come back on the events
 * channel. While input segments flow the job pays through the signer, at most once per payment
 * interval; without input it does not pay.
 *
 * <p>When the orchestrator fails mid-session (its channels are gone, the output stream ends or
 * stalls while input flows, it leaves input segments unanswered or payments are refused) the job
 * starts again on another orchestrator, sends it the last parameter update, and continues;
 * segments in flight on the failed one fail (their futures complete exceptionally) and are not
 * resent. Moves are rate-limited (see {@link LiveJobSettings}). A recovery is logged, counted in
 * {@link #stats()} and reported to {@link #nextEvent} readers as a {@code
 * {"type":"gateway_recovered"}} event.
 */
public final class LiveVideoJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveVideoJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARAMS_REPLAY_ATTEMPTS = 3;

    /** What an error was about; a later success of the same kind clears it. */
    private enum Source {
        INPUT,
        PAYMENT,
        CONTROL,
        RECOVERY
    }

    private record Problem(Source source, String message) {}

    private final LivepeerGateway gateway;
    private final LiveJobRequest request;
    private final LiveJobSettings settings;
    private final LiveJobStarter starter;
    private final Clock clock;
    private final RecoveryLimiter limiter;
    private final ScheduledExecutorService timer;
    private final List<JsonNode> gatewayEvents = new ArrayList<>();
    private final AtomicLong segmentsIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong segmentsOut = new AtomicLong();
    private final AtomicLong controlMessages = new AtomicLong();
    private final AtomicReference<Problem> problem = new AtomicReference<>();
    private final AtomicInteger outputReaders = new AtomicInteger();

    private volatile LiveAttachment current;
    private volatile CompletableFuture<LiveAttachment> recovering;
    private volatile LivepeerException gaveUp;
    private volatile Instant lastInputAt;
    private volatile Instant lastOutputAt;
    private volatile Instant outputAwaitedSince;
    private ScheduledFuture<?> keepaliveTimer;
    private ScheduledFuture<?> watchdogTimer;
    private Map<String, ?> lastParams;
    private int recoveries;
    private long paymentsBefore;
    private long skippedBefore;
    private BigDecimal paidBefore = BigDecimal.ZERO;
    private volatile boolean closed;

    private LiveVideoJob(LivepeerGateway gateway, LiveJobRequest request, LiveJobSettings settings) {
        this.gateway = gateway;
        this.request = request;
        this.settings = settings;
        this.starter = new LiveJobStarter(gateway, settings);
        this.clock = gateway.clock();
        this.limiter = new RecoveryLimiter(settings.maxRecoveries(), settings.recoveryWindow(), clock);
        this.timer = gateway.transport().eventLoopGroup().next();
    }

    /** Starts a job on the best available orchestrator. */
    public static CompletableFuture<LiveVideoJob> start(
            LivepeerGateway gateway, LiveJobRequest request, LiveJobSettings settings) {
        LiveVideoJob job = new LiveVideoJob(gateway, request, settings);
        return job.starter.start(request, List.of()).thenCompose(started -> {
            LiveAttachment attachment = new LiveAttachment(gateway, started, settings, job.clock);
            return attachment.ready.thenApply(ready -> {
                job.attach(attachment);
                job.startTimers();
                return job;
            });
        });
    }

    public String manifestId() {
        return current.channels.manifestId();
    }

    public OrchestratorAddress orchestrator() {
        return current.orchestrator.address();
    }

    public LiveChannels channels() {
        return current.channels;
    }

    /**
     * Publishes one input segment. While the job moves to another orchestrator segments fail at
     * once (as the segments in flight on the failed one do); publish again once it moved.
     */
    public CompletableFuture<PublishedSegment> publish(byte[] segment) {
        LiveAttachment attachment = current;
        SegmentWriter writer;
        try {
            writer = beginSegment(attachment);
        } catch (TrickleException e) {
            failedOn(attachment, e);
            return CompletableFuture.failedFuture(e);
        } catch (LivepeerException e) {
            return CompletableFuture.failedFuture(e);
        }
        attachment.inflight.waitingOnOrchestrator(writer);
        writer.write(segment);
        return writer.finish().whenComplete((published, error) -> {
            attachment.inflight.remove(writer);
            if (error == null) {
                published(published);
            } else {
                failedOn(attachment, error);
            }
        });
    }

    /**
     * Publishes one input segment read from {@code source} as it is read; blocks the calling thread
     * (never call it on an event loop).
     */
    public PublishedSegment publish(InputStream source) throws IOException {
        requireOffEventLoop();
        LiveAttachment attachment = current;
        SegmentWriter writer;
        try {
            writer = beginSegment(attachment);
        } catch (TrickleException e) {
            failedOn(attachment, e);
            throw e;
        }
        try {
            PublishedSegment published = SegmentStreaming.copy(source, writer, attachment.inflight);
            published(published);
            return published;
        } catch (IOException | RuntimeException e) {
            writer.abort();
            failedOn(attachment, e);
            throw e;
        } finally {
            attachment.inflight.remove(writer);
        }
    }

    /**
     * The next output segment (its body streams as it arrives; close it when done). When the
     * orchestrator's output ends while the job is open, the job recovers and continues with the
     * next orchestrator's output. Completes with null once the job is closed.
     */
    public CompletableFuture<Segment> nextOutput() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        LiveAttachment attachment = current;
        awaitingOutput();
        return attachment
                .output
                .next()
                .handle((segment, error) -> {
                    outputAwaited();
                    if (segment != null) {
                        segmentsOut.incrementAndGet();
                        lastOutputAt = clock.instant();
                        return CompletableFuture.completedFuture(segment);
                    }
                    if (closed) {
                        return CompletableFuture.<Segment>completedFuture(null);
                    }
                    String reason = error == null
                            ? "the output stream ended"
                            : "the output stream failed: " + unwrap(error).getMessage();
                    return recover(attachment, reason).thenCompose(next -> nextOutput());
                })
                .thenCompose(next -> next);
    }

    /**
     * Sends a parameter update to the runner (one JSON message per control segment). The last
     * update is sent again to the next orchestrator when the job moves.
     */
    public CompletableFuture<PublishedSegment> control(Map<String, ?> params) {
        byte[] message;
        try {
            message = JSON.writeValueAsBytes(params);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        LiveAttachment attachment;
        synchronized (this) {
            attachment = current;
            lastParams = params;
        }
        if (attachment.control == null) {
            return CompletableFuture.failedFuture(
                    new LivepeerException("the orchestrator offered no control channel for " + manifestId()));
        }
        return attachment.control.publish(message).whenComplete((ok, error) -> {
            if (error == null) {
                controlMessages.incrementAndGet();
                clearError(Source.CONTROL);
            }
        });
    }

    /**
     * The next event: the gateway's own (recoveries) first, then the runner's events as parsed
     * JSON. Completes with null when the events stream ended. The event's body is read on {@code
     * bodyReads}, the caller's executor (the read blocks until the event is complete).
     */
    public CompletableFuture<JsonNode> nextEvent(Executor bodyReads) {
        Objects.requireNonNull(bodyReads, "bodyReads");
        synchronized (gatewayEvents) {
            if (!gatewayEvents.isEmpty()) {
                return CompletableFuture.completedFuture(gatewayEvents.remove(0));
            }
        }
        LiveAttachment attachment = current;
        if (attachment.events == null || closed) {
            return CompletableFuture.completedFuture(null);
        }
        return LiveEvents.next(attachment.events, bodyReads);
    }

    public synchronized LiveJobStats stats() {
        LiveAttachment attachment = current;
        PaymentStats payments = attachment.payments.stats();
        Problem last = problem.get();
        return new LiveJobStats(
                attachment.channels.manifestId(),
                attachment.orchestrator.address().authority(),
                segmentsIn.get(),
                bytesIn.get(),
                segmentsOut.get(),
                controlMessages.get(),
                paymentsBefore + payments.payments(),
                skippedBefore + payments.skipped(),
                paidBefore.add(payments.paidWei()),
                recoveries,
                last == null ? null : last.message());
    }

    /**
     * Stops payments, keepalives and the watchdog, closes every channel (deleting the input), leaves
     * nothing running; a move to another orchestrator still under way is undone when it completes.
     */
    @Override
    public void close() {
        LiveAttachment attachment;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimers();
            attachment = current;
        }
        attachment.close();
        LOG.info("live job {} closed: {}", attachment.channels.manifestId(), stats());
    }

    private synchronized void attach(LiveAttachment attachment) {
        this.current = attachment;
    }

    private void startTimers() {
        long keepalive = settings.keepaliveInterval().toMillis();
        long watch = watchdogPeriod().toMillis();
        synchronized (this) {
            keepaliveTimer = timer.scheduleAtFixedRate(this::keepalive, keepalive, keepalive, TimeUnit.MILLISECONDS);
            watchdogTimer = timer.scheduleAtFixedRate(this::watch, watch, watch, TimeUnit.MILLISECONDS);
        }
    }

    /** A quarter of the shortest detection time, between 10 ms and 1 s. */
    private Duration watchdogPeriod() {
        Duration shortest = settings.inputSegmentTimeout().compareTo(settings.outputStallTimeout()) < 0
                ? settings.inputSegmentTimeout()
                : settings.outputStallTimeout();
        long quarter = shortest.toMillis() / 4;
        return Duration.ofMillis(Math.max(10, Math.min(1000, quarter)));
    }

    private void cancelTimers() {
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
        if (watchdogTimer != null) {
            watchdogTimer.cancel(false);
        }
    }

    /**
     * Opens the next input segment on {@code attachment}: refused when the job is over or the
     * orchestrator leaves too many segments unanswered (the job then moves on); pays when due.
     */
    private SegmentWriter beginSegment(LiveAttachment attachment) throws TrickleException {
        if (closed) {
            throw new LivepeerException("live job " + attachment.channels.manifestId() + " is closed");
        }
        LivepeerException over = gaveUp;
        if (over != null) {
            throw over;
        }
        if (attachment.abandoned) {
            throw new LivepeerException("input segment not sent: live job " + attachment.channels.manifestId()
                    + " is moving to another orchestrator");
        }
        int unanswered = attachment.inflight.size();
        if (unanswered >= settings.maxInflightSegments()) {
            String reason = attachment.orchestrator.address().authority() + " left " + unanswered
                    + " input segments unanswered (maxInflightSegments " + settings.maxInflightSegments() + ")";
            recover(attachment, reason);
            throw new LivepeerException("input segment not sent: " + reason);
        }
        lastInputAt = clock.instant();
        payIfDue(attachment);
        SegmentWriter writer = attachment.input.next();
        attachment.inflight.add(writer);
        return writer;
    }

    private void published(PublishedSegment published) {
        segmentsIn.incrementAndGet();
        bytesIn.addAndGet(published.bytes());
        clearError(Source.INPUT);
    }

    /** Pays when input flows and the last payment is at least one interval old; one at a time. */
    private void payIfDue(LiveAttachment attachment) {
        Instant now = clock.instant();
        if (now.isBefore(attachment.lastPaymentAt.plus(settings.paymentInterval()))
                || !attachment.paying.compareAndSet(false, true)) {
            return;
        }
        attachment.lastPaymentAt = now;
        attachment.payments.payNow().whenComplete((paid, error) -> {
            attachment.paying.set(false);
            if (error != null) {
                Throwable cause = unwrap(error);
                if (closed) {
                    // in flight when the job closed (its transport may be closing too): nothing to pay for now
                    LOG.debug(
                            "live job {}: payment ended by close: {}",
                            attachment.channels.manifestId(),
                            cause.getMessage());
                    return;
                }
                noteError(Source.PAYMENT, cause.getMessage());
                LOG.warn("live job {}: payment failed: {}", attachment.channels.manifestId(), cause.getMessage());
                if (!(cause instanceof LivepeerException le)
                        || !le.isRetryable()
                        || cause instanceof PriceExceededException) {
                    recover(attachment, "payment failed: " + cause.getMessage());
                }
                return;
            }
            clearError(Source.PAYMENT);
            if (Boolean.TRUE.equals(paid)) {
                LOG.debug("live job {}: paid {}", attachment.channels.manifestId(), attachment.payments.stats());
            }
        });
    }

    private void keepalive() {
        LiveAttachment attachment = current;
        if (closed || attachment.control == null) {
            return;
        }
        attachment
                .control
                .publish("{\"keep\":\"alive\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .whenComplete((published, error) -> {
                    if (error != null && !closed && current == attachment) {
                        LOG.warn(
                                "live job {}: keepalive on the control channel failed: {}",
                                attachment.channels.manifestId(),
                                unwrap(error).getMessage());
                    }
                });
    }

    /** Moves on from an orchestrator that stopped answering input or producing output. */
    private void watch() {
        LiveAttachment attachment = current;
        if (closed || recovering != null || gaveUp != null) {
            return;
        }
        Duration waited = attachment.inflight.longestWait();
        if (waited.compareTo(settings.inputSegmentTimeout()) >= 0) {
            recover(
                    attachment,
                    "an input segment waited " + waited.toMillis() + " ms for an answer (inputSegmentTimeout "
                            + settings.inputSegmentTimeout().toMillis() + " ms)");
            return;
        }
        Duration silent = outputSilence(attachment);
        if (silent != null && silent.compareTo(settings.outputStallTimeout()) >= 0) {
            recover(
                    attachment,
                    "no output for " + silent.toMillis() + " ms while input flows (outputStallTimeout "
                            + settings.outputStallTimeout().toMillis() + " ms)");
        }
    }

    /**
     * How long a reader has waited for output in vain, or null when nobody waits or no input came
     * within the last half of the stall timeout (no input, no output: go-livepeer's rule).
     */
    private Duration outputSilence(LiveAttachment attachment) {
        Instant awaitedSince = outputAwaitedSince;
        Instant input = lastInputAt;
        if (outputReaders.get() == 0 || awaitedSince == null || input == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!now.isBefore(input.plus(settings.outputStallTimeout().dividedBy(2)))) {
            return null;
        }
        Instant since = latest(latest(awaitedSince, attachment.attachedAt), lastOutputAt);
        return Duration.between(since, now);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private synchronized void awaitingOutput() {
        if (outputReaders.getAndIncrement() == 0) {
            outputAwaitedSince = clock.instant();
        }
    }

    private void outputAwaited() {
        outputReaders.decrementAndGet();
    }

    private void failedOn(LiveAttachment attachment, Throwable error) {
        if (attachment != current) {
            // a segment of an orchestrator the job already left
            return;
        }
        Throwable cause = unwrap(error);
        noteError(Source.INPUT, cause.getMessage());
        if (attachment.input.terminalError() != null) {
            recover(attachment, "the input channel failed: " + cause.getMessage());
        }
    }

    private void noteError(Source source, String message) {
        problem.set(new Problem(source, message));
    }

    private void clearError(Source source) {
        problem.updateAndGet(last -> last != null && last.source() == source ? null : last);
    }

    /** Moves the job to another orchestrator, once per failed attachment, if the limit allows. */
    private synchronized CompletableFuture<LiveAttachment> recover(LiveAttachment failedAttachment, String reason) {
        if (closed) {
            return CompletableFuture.failedFuture(new LivepeerException("the live job is closed"));
        }
        if (current != failedAttachment) {
            return CompletableFuture.completedFuture(current);
        }
        if (recovering != null) {
            return recovering;
        }
        if (gaveUp != null) {
            return CompletableFuture.failedFuture(gaveUp);
        }
        String manifest = failedAttachment.channels.manifestId();
        OrchestratorAddress from = failedAttachment.orchestrator.address();
        // the failed orchestrator is suspended; others that failed earlier may serve again once
        // their suspension ends, so a long session does not run out of orchestrators
        gateway.reportFailure(from, reason);
        failedAttachment.abandoned = true;
        failedAttachment.inflight.abortAll();
        if (!limiter.tryAcquire()) {
            gaveUp = new LivepeerException("live job " + manifest + " gave up: more than " + settings.maxRecoveries()
                    + " moves to another orchestrator, each within "
                    + settings.recoveryWindow().toSeconds()
                    + " s of the last; last failure: " + reason);
            noteError(Source.RECOVERY, gaveUp.getMessage());
            LOG.warn("live job {} on {}: {}; not moving again", manifest, from, reason);
            return CompletableFuture.failedFuture(gaveUp);
        }
        LOG.warn("live job {} on {}: {}; moving to another orchestrator", manifest, from, reason);
        CompletableFuture<LiveAttachment> attempt =
                starter.start(request, List.of(from)).thenApply(started -> moved(failedAttachment, started, reason));
        recovering = attempt;
        attempt.whenComplete((ok, error) -> {
            synchronized (LiveVideoJob.this) {
                if (recovering == attempt) {
                    recovering = null;
                }
            }
            if (error != null && !closed) {
                // like go-livepeer: a session that cannot start elsewhere ends
                Throwable cause = unwrap(error);
                synchronized (LiveVideoJob.this) {
                    if (gaveUp == null) {
                        gaveUp = new LivepeerException(
                                "live job " + manifest + " could not move to another orchestrator after: " + reason
                                        + "; " + cause.getMessage(),
                                cause);
                    }
                }
                noteError(Source.RECOVERY, gaveUp.getMessage());
            }
        });
        return attempt;
    }

    /** Switches to the job started on another orchestrator, unless the job was closed meanwhile. */
    private LiveAttachment moved(LiveAttachment failedAttachment, LiveJobStarter.Started started, String reason) {
        LiveAttachment next = new LiveAttachment(gateway, started, settings, clock);
        synchronized (this) {
            if (closed) {
                next.closeAsync();
                LOG.info(
                        "live job closed while moving; {} on {} closed again",
                        started.channels().manifestId(),
                        started.orchestrator().address());
                throw new CompletionException(new LivepeerException("the live job was closed while it moved to "
                        + started.orchestrator().address().authority()));
            }
            PaymentStats old = failedAttachment.payments.stats();
            paymentsBefore += old.payments();
            skippedBefore += old.skipped();
            paidBefore = paidBefore.add(old.paidWei());
            recoveries++;
            current = next;
            replayParams(next);
        }
        failedAttachment.closeAsync();
        problem.set(null);
        var event = JSON.createObjectNode()
                .put("type", "gateway_recovered")
                .put("from", failedAttachment.orchestrator.address().authority())
                .put("to", started.orchestrator().address().authority())
                .put("manifest_id", started.channels().manifestId())
                .put("reason", reason);
        synchronized (gatewayEvents) {
            gatewayEvents.add(event);
        }
        LOG.info(
                "live job recovered on {} as {}",
                started.orchestrator().address(),
                started.channels().manifestId());
        return next;
    }

    /** Sends the last parameter update to the new runner, as go-livepeer does after a swap. */
    private void replayParams(LiveAttachment next) {
        if (lastParams == null || next.control == null) {
            return;
        }
        byte[] message;
        try {
            message = JSON.writeValueAsBytes(lastParams);
        } catch (IOException e) {
            noteError(Source.CONTROL, "the last parameters could not be encoded again: " + e.getMessage());
            return;
        }
        replay(next, message, 1);
    }

    private void replay(LiveAttachment next, byte[] message, int attempt) {
        next.control.publish(message).whenComplete((ok, error) -> {
            if (error == null) {
                controlMessages.incrementAndGet();
            } else if (attempt < PARAMS_REPLAY_ATTEMPTS && !closed && current == next) {
                replay(next, message, attempt + 1);
            } else if (error != null && !closed) {
                String message2 = "the last parameters did not reach "
                        + next.orchestrator.address().authority() + ": "
                        + unwrap(error).getMessage();
                noteError(Source.CONTROL, message2);
                LOG.warn("live job {}: {}", next.channels.manifestId(), message2);
            }
        });
    }

    private void requireOffEventLoop() {
        for (var executor : gateway.transport().eventLoopGroup()) {
            if (executor.inEventLoop()) {
                throw new IllegalStateException("blocking publish on an event loop thread");
            }
        }
    }
}
