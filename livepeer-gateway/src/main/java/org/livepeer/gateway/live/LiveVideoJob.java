package org.livepeer.gateway.live;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.payment.PaymentStats;
import org.livepeer.trickle.PublishedSegment;
import org.livepeer.trickle.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent live video-to-video session. Input segments go out on the input channel, the
 * model's output segments come back on the output channel, JSON parameter updates go out on the
 * control channel (with a keepalive every 10 s) and the runner's events come back on the events
 * channel. Payments are made periodically through the signer to keep the session funded.
 *
 * <p>When the orchestrator fails mid-session (its channels are gone, the output stream ends,
 * payments are refused) the job starts again on another orchestrator and continues; segments in
 * flight on the failed one fail (their futures complete exceptionally) and are not resent. A
 * recovery is logged, counted in {@link #stats()} and reported to {@link #nextEvent} readers as
 * a {@code {"type":"gateway_recovered"}} event.
 */
public final class LiveVideoJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveVideoJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LivepeerGateway gateway;
    private final LiveJobRequest request;
    private final LiveJobSettings settings;
    private final LiveJobStarter starter;
    private final ScheduledExecutorService timer;
    private final List<OrchestratorAddress> failed = new ArrayList<>();
    private final List<JsonNode> gatewayEvents = new ArrayList<>();
    private final AtomicLong segmentsIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong segmentsOut = new AtomicLong();
    private final AtomicLong controlMessages = new AtomicLong();

    private volatile LiveAttachment current;
    private volatile CompletableFuture<LiveAttachment> recovering;
    private ScheduledFuture<?> paymentTimer;
    private ScheduledFuture<?> keepaliveTimer;
    private int recoveries;
    private long paymentsBefore;
    private long skippedBefore;
    private BigDecimal paidBefore = BigDecimal.ZERO;
    private volatile String lastError;
    private volatile boolean closed;

    private LiveVideoJob(LivepeerGateway gateway, LiveJobRequest request, LiveJobSettings settings) {
        this.gateway = gateway;
        this.request = request;
        this.settings = settings;
        this.starter = new LiveJobStarter(gateway, settings);
        this.timer = gateway.transport().eventLoopGroup().next();
    }

    /** Starts a job on the best available orchestrator. */
    public static CompletableFuture<LiveVideoJob> start(
            LivepeerGateway gateway, LiveJobRequest request, LiveJobSettings settings) {
        LiveVideoJob job = new LiveVideoJob(gateway, request, settings);
        return job.starter.start(request, List.of()).thenApply(started -> {
            job.attach(new LiveAttachment(gateway, started));
            job.startTimers();
            return job;
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

    /** Publishes one input segment. */
    public CompletableFuture<PublishedSegment> publish(byte[] segment) {
        LiveAttachment attachment = current;
        return attachment.input.publish(segment).whenComplete((published, error) -> {
            if (error == null) {
                segmentsIn.incrementAndGet();
                bytesIn.addAndGet(segment.length);
            } else {
                failedOn(attachment, error);
            }
        });
    }

    /** Publishes one input segment read from {@code source} as it is read; blocks the calling thread. */
    public PublishedSegment publish(InputStream source) throws IOException {
        LiveAttachment attachment = current;
        try {
            PublishedSegment published = attachment.input.publish(source);
            segmentsIn.incrementAndGet();
            bytesIn.addAndGet(published.bytes());
            return published;
        } catch (IOException e) {
            failedOn(attachment, e);
            throw e;
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
        return attachment
                .output
                .next()
                .handle((segment, error) -> {
                    if (segment != null) {
                        segmentsOut.incrementAndGet();
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

    /** Sends a parameter update to the runner (one JSON message per control segment). */
    public CompletableFuture<PublishedSegment> control(Map<String, ?> params) {
        LiveAttachment attachment = current;
        if (attachment.control == null) {
            return CompletableFuture.failedFuture(
                    new LivepeerException("the orchestrator offered no control channel for " + manifestId()));
        }
        try {
            byte[] message = JSON.writeValueAsBytes(params);
            return attachment.control.publish(message).whenComplete((ok, error) -> {
                if (error == null) {
                    controlMessages.incrementAndGet();
                }
            });
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
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
        return attachment.events.next().thenApplyAsync(LiveVideoJob::parseEvent, bodyReads);
    }

    private static JsonNode parseEvent(Segment segment) {
        if (segment == null) {
            return null;
        }
        try (segment) {
            return JSON.readTree(segment.readAllBytes());
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    public synchronized LiveJobStats stats() {
        LiveAttachment attachment = current;
        PaymentStats payments = attachment.payments.stats();
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
                lastError);
    }

    /** Stops payments and keepalives, closes every channel (deleting the input), leaves nothing running. */
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
        long pay = settings.paymentInterval().toMillis();
        long keepalive = settings.keepaliveInterval().toMillis();
        synchronized (this) {
            paymentTimer = timer.scheduleAtFixedRate(this::payNow, pay, pay, TimeUnit.MILLISECONDS);
            keepaliveTimer = timer.scheduleAtFixedRate(this::keepalive, keepalive, keepalive, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelTimers() {
        if (paymentTimer != null) {
            paymentTimer.cancel(false);
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel(false);
        }
    }

    private void payNow() {
        LiveAttachment attachment = current;
        if (closed || recovering != null) {
            return;
        }
        attachment.payments.payNow().whenComplete((paid, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                lastError = cause.getMessage();
                LOG.warn("live job {}: payment failed: {}", attachment.channels.manifestId(), cause.getMessage());
                if (!(cause instanceof LivepeerException le) || !le.isRetryable() || isPriceRefusal(cause)) {
                    recover(attachment, "payment failed: " + cause.getMessage());
                }
            } else if (Boolean.TRUE.equals(paid)) {
                LOG.info("live job {}: paid {}", attachment.channels.manifestId(), attachment.payments.stats());
            }
        });
    }

    private static boolean isPriceRefusal(Throwable cause) {
        return cause instanceof org.livepeer.gateway.PriceExceededException;
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

    private void failedOn(LiveAttachment attachment, Throwable error) {
        Throwable cause = unwrap(error);
        lastError = cause.getMessage();
        if (attachment.input.terminalError() != null) {
            recover(attachment, "the input channel failed: " + cause.getMessage());
        }
    }

    /** Moves the job to another orchestrator, once per failed attachment. */
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
        if (recoveries >= settings.maxRecoveries()) {
            lastError = reason;
            return CompletableFuture.failedFuture(
                    new LivepeerException("live job " + failedAttachment.channels.manifestId() + " failed after "
                            + recoveries + " recoveries: " + reason));
        }
        OrchestratorAddress from = failedAttachment.orchestrator.address();
        LOG.warn(
                "live job {} on {}: {}; moving to another orchestrator",
                failedAttachment.channels.manifestId(),
                from,
                reason);
        gateway.reportFailure(from, reason);
        failed.add(from);
        CompletableFuture<LiveAttachment> attempt = starter.start(request, failed)
                .thenApply(started -> {
                    LiveAttachment next = new LiveAttachment(gateway, started);
                    synchronized (LiveVideoJob.this) {
                        PaymentStats old = failedAttachment.payments.stats();
                        paymentsBefore += old.payments();
                        skippedBefore += old.skipped();
                        paidBefore = paidBefore.add(old.paidWei());
                        recoveries++;
                        current = next;
                    }
                    failedAttachment.close();
                    var event = JSON.createObjectNode()
                            .put("type", "gateway_recovered")
                            .put("from", from.authority())
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
                });
        recovering = attempt;
        attempt.whenComplete((ok, error) -> {
            synchronized (LiveVideoJob.this) {
                if (recovering == attempt) {
                    recovering = null;
                }
                if (error != null) {
                    lastError = unwrap(error).getMessage();
                }
            }
        });
        return attempt;
    }
}
