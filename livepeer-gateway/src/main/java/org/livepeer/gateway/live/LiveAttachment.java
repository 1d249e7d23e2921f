package org.livepeer.gateway.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.trickle.TricklePublisher;
import org.livepeer.trickle.TrickleSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live job's connection to one orchestrator: its payment session, its four trickle channels, the
 * input segments it has not answered yet, and when it was attached and last paid.
 */
final class LiveAttachment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveAttachment.class);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    final OrchestratorSession orchestrator;
    final PaymentSession payments;
    final LiveChannels channels;
    final TricklePublisher input;
    final TrickleSubscriber output;
    final TricklePublisher control;
    final TrickleSubscriber events;
    final InflightSegments inflight;
    final Instant attachedAt;
    /** The job is leaving (or left) this orchestrator: nothing new goes to it. */
    volatile boolean abandoned;
    /** A payment to this orchestrator is under way. */
    final AtomicBoolean paying = new AtomicBoolean();
    /** The start paid up front, so the next payment is due one interval after it. */
    volatile Instant lastPaymentAt;
    /** Completes once the output and events subscriptions have fixed where they start. */
    final CompletableFuture<Void> ready;

    LiveAttachment(LivepeerGateway gateway, LiveJobStarter.Started started, LiveJobSettings settings, Clock clock) {
        this.orchestrator = started.orchestrator();
        this.payments = started.payments();
        this.channels = started.channels();
        this.inflight = new InflightSegments(clock);
        this.attachedAt = clock.instant();
        this.lastPaymentAt = attachedAt;
        var transport = gateway.transport();
        var tls = gateway.orchestratorTls();
        this.input = TricklePublisher.builder(transport, channels.publishUrl())
                .sslContext(tls)
                .build();
        this.output = TrickleSubscriber.builder(transport, channels.subscribeUrl())
                .sslContext(tls)
                .startSeq(settings.subscribeStart())
                .lagPolicy(settings.lagPolicy())
                .maxLagSegments(settings.maxLagSegments())
                .build();
        this.control = channels.controlUrl() == null
                ? null
                : TricklePublisher.builder(transport, channels.controlUrl())
                        .sslContext(tls)
                        .mimeType("application/json")
                        .build();
        this.events = channels.eventsUrl() == null
                ? null
                : TrickleSubscriber.builder(transport, channels.eventsUrl())
                        .sslContext(tls)
                        .startSeq(settings.subscribeStart())
                        .build();
        // fixed now, so that output of input published once the job is handed out is not missed
        this.ready = CompletableFuture.allOf(
                output.start(), events == null ? CompletableFuture.completedFuture(null) : events.start());
    }

    /**
     * Closes every channel at once and waits for them together, at most {@link #CLOSE_TIMEOUT} (so
     * an orchestrator that does not answer the channels' DELETEs holds the caller only that long).
     */
    @Override
    public void close() {
        try {
            closeAsync().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing the channels of live job {} did not complete: {}", channels.manifestId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every channel without waiting; safe on an event loop. Failures are logged by each channel. */
    CompletableFuture<Void> closeAsync() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        closing.add(input.closeAsync());
        closing.add(output.closeAsync());
        if (control != null) {
            closing.add(control.closeAsync());
        }
        if (events != null) {
            closing.add(events.closeAsync());
        }
        return CompletableFuture.allOf(closing.stream()
                .map(future -> future.handle((ok, error) -> (Void) null))
                .toArray(CompletableFuture[]::new));
    }
}
