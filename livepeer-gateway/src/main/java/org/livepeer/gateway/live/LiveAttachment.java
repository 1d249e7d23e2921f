package org.livepeer.gateway.live;

import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.trickle.TricklePublisher;
import org.livepeer.trickle.TrickleSubscriber;

/** A live job's connection to one orchestrator: its payment session and its four trickle channels. */
final class LiveAttachment implements AutoCloseable {

    final OrchestratorSession orchestrator;
    final PaymentSession payments;
    final LiveChannels channels;
    final TricklePublisher input;
    final TrickleSubscriber output;
    final TricklePublisher control;
    final TrickleSubscriber events;
    /** Completes once the output and events subscriptions have fixed where they start. */
    final CompletableFuture<Void> ready;

    LiveAttachment(LivepeerGateway gateway, LiveJobStarter.Started started, LiveJobSettings settings) {
        this.orchestrator = started.orchestrator();
        this.payments = started.payments();
        this.channels = started.channels();
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

    @Override
    public void close() {
        input.close();
        output.close();
        if (control != null) {
            control.close();
        }
        if (events != null) {
            events.close();
        }
    }
}
