package org.livepeer.simulator.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.simulator.trickle.LocalPublisher;
import org.livepeer.simulator.trickle.SegmentListener;
import org.livepeer.simulator.trickle.SegmentWriter;
import org.livepeer.simulator.trickle.Subscription;
import org.livepeer.simulator.trickle.TrickleChannel;
import org.livepeer.simulator.trickle.TrickleServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live video-to-video session and its simulated runner: every input segment is published to
 * the output channel unchanged, as its bytes arrive (an empty one as an empty one); control messages are read and echoed as
 * events; the session is billed while input flows and stopped, with its channels closed, when the
 * balance no longer covers the bill.
 */
public final class LiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final String manifestId;
    private final String modelId;
    private final String requestId;
    private final String streamId;
    private final TrickleServer trickle;
    private final LiveLedger ledger;
    private final LiveBilling billing;
    private final Runnable onClosed;
    private final TrickleChannel input;
    private final TrickleChannel output;
    private final TrickleChannel control;
    private final TrickleChannel events;
    private final LocalPublisher outputPublisher;
    private final RunnerEvents runnerEvents;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong segmentsIn = new AtomicLong();
    private final AtomicLong segmentsOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong controlMessages = new AtomicLong();
    private final AtomicLong billings = new AtomicLong();
    private volatile JsonNode params;
    private volatile String closeReason;
    private Subscription inputSubscription;
    private Subscription controlSubscription;

    /** Channel names: {@code mid}, {@code mid-out}, {@code mid-control}, {@code mid-events}. */
    public LiveSession(
            String manifestId,
            String modelId,
            String requestId,
            String streamId,
            JsonNode params,
            TrickleServer trickle,
            LiveLedger ledger,
            Duration billingInterval,
            double billingSpeed,
            Runnable onClosed) {
        this.manifestId = manifestId;
        this.modelId = modelId;
        this.requestId = requestId;
        this.streamId = streamId;
        this.params = params;
        this.trickle = trickle;
        this.ledger = ledger;
        this.billing = new LiveBilling(Clock.systemUTC(), billingInterval, billingSpeed);
        this.onClosed = onClosed;
        this.input = trickle.createChannel(manifestId, "video/MP2T");
        this.output = trickle.createChannel(manifestId + "-out", "video/MP2T");
        this.control = trickle.createChannel(manifestId + "-control", "application/json");
        this.events = trickle.createChannel(manifestId + "-events", "application/json");
        this.outputPublisher = output.publisher();
        this.runnerEvents = new RunnerEvents(events, manifestId, requestId, streamId);
    }

    /** Starts the runner: follows input and control, announces itself on the events channel. */
    public synchronized void start() {
        input.onClose(() -> close("input channel closed"));
        inputSubscription = input.subscribe(-1, new Passthrough());
        controlSubscription = control.subscribe(-1, new ControlMessages(new ControlReader()));
        ObjectNode started = runnerEvents.event("runner_started");
        started.set("params", params);
        runnerEvents.publish(started);
        LOG.info("live session {} started: model {}, request {}, stream {}", manifestId, modelId, requestId, streamId);
    }

    public String manifestId() {
        return manifestId;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The parameters the runner uses now: the initial ones, updated by control messages. */
    public JsonNode params() {
        return params;
    }

    public LiveSessionStats stats() {
        return new LiveSessionStats(
                manifestId,
                modelId,
                segmentsIn.get(),
                segmentsOut.get(),
                bytesIn.get(),
                controlMessages.get(),
                billings.get(),
                ledger.balance(),
                closed.get(),
                closeReason);
    }

    /** Stops the runner and closes the four channels; subscribers see the end of each stream. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        synchronized (this) {
            if (inputSubscription != null) {
                inputSubscription.cancel();
            }
            if (controlSubscription != null) {
                controlSubscription.cancel();
            }
        }
        ObjectNode stopped = runnerEvents.event("stream_stopped");
        stopped.put("reason", reason);
        runnerEvents.publish(stopped);
        for (String name :
                new String[] {manifestId, manifestId + "-out", manifestId + "-control", manifestId + "-events"}) {
            trickle.closeChannel(name);
        }
        LOG.info("live session {} closed: {}", manifestId, reason);
        onClosed.run();
    }

    private void bill() {
        long units = billing.unitsDue();
        if (units <= 0) {
            return;
        }
        if (!ledger.charge(units)) {
            LOG.info("live session {}: balance {} does not cover {} units", manifestId, ledger.balance(), units);
            close("insufficient balance");
            return;
        }
        billings.incrementAndGet();
    }

    /** Copies each input segment to the output channel as its bytes arrive. */
    private final class Passthrough implements SegmentListener {
        private final Map<Long, SegmentWriter> writers = new ConcurrentHashMap<>();

        @Override
        public void onSegmentStart(long seq) {
            if (closed.get()) {
                return;
            }
            segmentsIn.incrementAndGet();
            bill();
            if (closed.get()) {
                return;
            }
            try {
                writers.put(seq, outputPublisher.beginSegment());
            } catch (IllegalStateException e) {
                LOG.debug("live session {}: output segment not started: {}", manifestId, e.getMessage());
            }
        }

        @Override
        public void onChunk(long seq, ByteBuf chunk) {
            bytesIn.addAndGet(chunk.readableBytes());
            SegmentWriter writer = writers.get(seq);
            if (writer != null) {
                // the output segment keeps its own reference; the chunk stays the subscription's
                writer.write(chunk);
            }
        }

        @Override
        public void onSegmentEnd(long seq) {
            SegmentWriter writer = writers.remove(seq);
            if (writer != null) {
                writer.end();
                segmentsOut.incrementAndGet();
            }
        }

        @Override
        public void onEmptySegment(long seq) {
            if (closed.get()) {
                return;
            }
            segmentsIn.incrementAndGet();
            try {
                outputPublisher.beginSegment().end();
                segmentsOut.incrementAndGet();
            } catch (IllegalStateException e) {
                LOG.debug("live session {}: empty output segment not written: {}", manifestId, e.getMessage());
            }
        }

        @Override
        public void onChannelClosed() {
            writers.values().forEach(SegmentWriter::close);
            writers.clear();
            close("input channel closed");
        }
    }

    /** Reports each control message on the events channel, as a runner does. */
    private final class ControlReader implements ControlMessages.Handler {
        @Override
        public void onMessage(JsonNode received) {
            controlMessages.incrementAndGet();
            params = received;
            runnerEvents.paramsUpdate(received);
        }

        @Override
        public void onInvalid(String reason) {
            runnerEvents.error(reason);
        }

        @Override
        public void onClosed() {
            // the session ends with its input, not with its control channel
        }
    }
}
