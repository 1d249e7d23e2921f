package org.livepeer.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livepeer.simulator.live.ControlMessages;
import org.livepeer.simulator.live.LiveBilling;
import org.livepeer.simulator.live.LiveLedger;
import org.livepeer.simulator.live.RunnerEvents;
import org.livepeer.simulator.trickle.SegmentListener;
import org.livepeer.simulator.trickle.Subscription;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Scope session and its simulated runner: only the {@code -control} and {@code -events}
 * channels exist; the runner announces itself, reports every control message and a periodic
 * status on the events channel, and every events segment bills the session like live video (720p
 * at 30 fps per second since the last billing, once per payment interval). The session ends when
 * either channel closes or the balance falls short.
 */
final class ScopeSession {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeSession.class);

    private final String manifestId;
    private final String requestId;
    private final TrickleServer trickle;
    private final LiveLedger ledger;
    private final LiveBilling billing;
    private final Runnable onClosed;
    private final TrickleChannel control;
    private final TrickleChannel events;
    private final RunnerEvents runnerEvents;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Subscription controlSubscription;
    private Subscription eventsSubscription;
    private ScheduledFuture<?> status;

    ScopeSession(
            String manifestId,
            String requestId,
            TrickleServer trickle,
            LiveLedger ledger,
            Duration billingInterval,
            double billingSpeed,
            Runnable onClosed) {
        this.manifestId = manifestId;
        this.requestId = requestId;
        this.trickle = trickle;
        this.ledger = ledger;
        this.billing = new LiveBilling(Clock.systemUTC(), billingInterval, billingSpeed);
        this.onClosed = onClosed;
        this.control = trickle.createChannel(manifestId + "-control", "application/json");
        this.events = trickle.createChannel(manifestId + "-events", "application/json");
        this.runnerEvents = new RunnerEvents(events, manifestId, requestId, null);
    }

    String manifestId() {
        return manifestId;
    }

    synchronized void start(JsonNode params, EventExecutor timer, Duration statusInterval) {
        eventsSubscription = events.subscribe(-1, new Biller());
        controlSubscription = control.subscribe(-1, new ControlMessages(new ControlReader()));
        ObjectNode started = runnerEvents.event("runner_started");
        started.set("params", params);
        publish(started);
        long every = statusInterval.toNanos();
        status = timer.scheduleAtFixedRate(
                () -> publish(runnerEvents.event("status")), every, every, TimeUnit.NANOSECONDS);
        LOG.info("scope session {} started, request {}", manifestId, requestId);
    }

    void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (status != null) {
                status.cancel(false);
            }
            if (controlSubscription != null) {
                controlSubscription.cancel();
            }
            if (eventsSubscription != null) {
                eventsSubscription.cancel();
            }
        }
        trickle.closeChannel(manifestId + "-events");
        trickle.closeChannel(manifestId + "-control");
        LOG.info("scope session {} closed: {}", manifestId, reason);
        onClosed.run();
    }

    private void publish(ObjectNode event) {
        if (!closed.get()) {
            runnerEvents.publish(event);
        }
    }

    /** Every events segment is a payment check, as go's Scope handler does it. */
    private final class Biller implements SegmentListener {
        @Override
        public void onSegmentStart(long seq) {
            bill();
        }

        @Override
        public void onEmptySegment(long seq) {
            bill();
        }

        @Override
        public void onChunk(long seq, ByteBuf chunk) {}

        @Override
        public void onChannelClosed() {
            close("events channel closed");
        }

        private void bill() {
            long units = billing.unitsDue();
            if (units > 0 && !ledger.charge(units)) {
                LOG.info("scope session {}: balance {} does not cover {} units", manifestId, ledger.balance(), units);
                close("insufficient balance");
            }
        }
    }

    /** Reports each control message on the events channel. */
    private final class ControlReader implements ControlMessages.Handler {
        @Override
        public void onMessage(JsonNode received) {
            if (!closed.get()) {
                runnerEvents.paramsUpdate(received);
            }
        }

        @Override
        public void onInvalid(String reason) {
            if (!closed.get()) {
                runnerEvents.error(reason);
            }
        }

        @Override
        public void onClosed() {
            close("control channel closed");
        }
    }
}
