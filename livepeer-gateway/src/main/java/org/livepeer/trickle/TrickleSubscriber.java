package org.livepeer.trickle;

import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.livepeer.http.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a trickle channel segment by segment. {@link #next()} delivers the next segment as soon as
 * its first bytes arrive, and the GET for the one after it is opened right then, so it is ready when
 * the caller asks. The stream ends (next() yields null) on 404 or a closed channel; transient
 * failures are retried a bounded number of times, then next() fails with a {@link
 * TrickleException}.
 *
 * <p>No thread of its own: every step is a future or timer on the transport's event loop. Only a
 * caller reading a segment's body blocks, on its own thread. Futures complete on the event loop, so
 * callbacks attached to them must not block (use the {@code *Async} variants to read a body).
 */
public final class TrickleSubscriber implements AutoCloseable {

    /** Start seq: the next segment to be written (the live edge). */
    public static final long LIVE = -1;
    /** Start seq: the segment being written now. */
    public static final long CURRENT = -2;

    private static final Logger LOG = LoggerFactory.getLogger(TrickleSubscriber.class);

    private final SubscribeSettings settings;
    private final EventLoop loop;
    private final SubscriberCounters counters = new SubscriberCounters();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // event loop only
    private long seq;
    private CompletableFuture<Long> starting;
    private SegmentFetch pending;
    private CompletableFuture<Segment> waiting;
    private Segment delivered;
    private TrickleException failure;

    private TrickleSubscriber(Builder builder) {
        this.settings = new SubscribeSettings(
                ChannelUrl.parse(builder.channelUrl),
                builder.transport,
                builder.sslContext,
                builder.lagPolicy,
                builder.maxLagSegments,
                builder.maxRetries,
                builder.retryDelay,
                builder.edgeWaitRefresh,
                builder.maxSegmentBytes);
        this.seq = builder.startSeq;
        this.loop = builder.transport.eventLoopGroup().next();
    }

    public static Builder builder(NettyTransport transport, String channelUrl) {
        return new Builder(transport, channelUrl);
    }

    /** The channel URL, without user info or query. */
    public String url() {
        return settings.url().toString();
    }

    /**
     * The next segment, once its first bytes (or its end) arrived; null when the stream ended.
     * Call again only after the previous future completed.
     */
    public CompletableFuture<Segment> next() {
        CompletableFuture<Segment> segment = new CompletableFuture<>();
        loop.execute(() -> onNext(segment));
        return segment;
    }

    /**
     * Fixes where the subscription starts, now, and opens its first GET without waiting for {@link
     * #next()}. A start of {@link #LIVE} or {@link #CURRENT} is resolved against the server's {@code
     * GET <channel>/next}, so every segment written after the returned future completes is
     * delivered (a bare {@code GET <channel>/-1} is resolved only when the server handles it). When
     * the server has no {@code /next} (go-livepeer before v0.8.11) the first GET asks for -1 or -2
     * as given. Completes with the seq the first GET asks for; never fails.
     */
    public CompletableFuture<Long> start() {
        CompletableFuture<Long> started = new CompletableFuture<>();
        loop.execute(() -> {
            if (starting == null) {
                starting = resolveStart();
            }
            starting.whenComplete((first, error) -> started.complete(first));
        });
        return started;
    }

    /** A snapshot of the counters. */
    public SubscriberStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops: cancels the pre-fetched GET and any retry timer, closes the last delivered segment and
     * completes a waiting {@link #next()} with null.
     */
    public CompletableFuture<Void> closeAsync() {
        loop.execute(() -> {
            if (counters.endReason == null) {
                counters.endReason = TrickleException.Kind.CLOSED;
            }
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
            if (delivered != null) {
                delivered.close();
                delivered = null;
            }
            CompletableFuture<Segment> caller = waiting;
            waiting = null;
            if (caller != null) {
                caller.complete(null);
            }
            closed.complete(null);
        });
        return closed;
    }

    /** {@link #closeAsync()}, waiting for it unless called on an event loop. */
    @Override
    public void close() {
        closeAsync();
        if (loop.inEventLoop()) {
            return;
        }
        try {
            closed.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Closing trickle subscriber {} did not complete: {}", url(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onNext(CompletableFuture<Segment> caller) {
        if (failure != null) {
            caller.completeExceptionally(failure);
            return;
        }
        if (counters.endReason != null) {
            caller.complete(null);
            return;
        }
        if (waiting != null) {
            caller.completeExceptionally(
                    new IllegalStateException("next() called before the previous segment arrived: " + url()));
            return;
        }
        if (starting != null && !starting.isDone()) {
            starting.whenComplete((first, error) -> loop.execute(() -> onNext(caller)));
            return;
        }
        waiting = caller;
        if (pending == null) {
            pending = fetch(seq);
        }
        deliverIfReady();
    }

    private CompletableFuture<Long> resolveStart() {
        if (seq >= 0 || pending != null || delivered != null || counters.endReason != null) {
            prefetch();
            return CompletableFuture.completedFuture(seq);
        }
        CompletableFuture<Long> resolved = new CompletableFuture<>();
        settings.transport()
                .send(settings.next(), loop)
                .whenComplete((response, error) -> loop.execute(() -> {
                    long next = -1;
                    if (error == null && response.isSuccess() && !TrickleProtocol.isClosed(response.headers())) {
                        next = TrickleProtocol.number(response.headers(), TrickleProtocol.LATEST, -1);
                    }
                    if (next >= 0 && pending == null && delivered == null) {
                        seq = seq == CURRENT ? Math.max(next - 1, 0) : next;
                    } else {
                        LOG.debug(
                                "Trickle subscriber {}: no next seq from the server ({}), starting at {}",
                                url(),
                                error != null ? error.toString() : "HTTP " + response.status(),
                                seq);
                    }
                    prefetch();
                    resolved.complete(seq);
                }));
        return resolved;
    }

    private void prefetch() {
        if (pending == null && counters.endReason == null && failure == null) {
            pending = fetch(seq);
        }
    }

    private SegmentFetch fetch(long from) {
        SegmentFetch fetch = new SegmentFetch(settings, loop, counters, from);
        fetch.result().whenComplete((result, error) -> loop.execute(this::deliverIfReady));
        fetch.start();
        return fetch;
    }

    private void deliverIfReady() {
        if (waiting == null || pending == null || !pending.result().isDone()) {
            return;
        }
        SegmentFetch done = pending;
        pending = null;
        CompletableFuture<Segment> caller = waiting;
        waiting = null;
        SegmentFetch.Result result;
        try {
            result = done.result().join();
        } catch (CompletionException e) {
            Throwable cause = SegmentUpload.unwrap(e);
            failure = cause instanceof TrickleException trickle
                    ? trickle
                    : new TrickleException(TrickleException.Kind.PROTOCOL_ERROR, url(), null, cause);
            counters.endReason = failure.kind();
            LOG.error("Trickle subscriber {} failed: {}", url(), failure.getMessage());
            caller.completeExceptionally(failure);
            return;
        }
        if (result.isEnd()) {
            counters.endReason = result.end();
            LOG.info("Trickle subscriber {} ended ({}): {}", url(), result.end().description(), stats());
            caller.complete(null);
            return;
        }
        seq = result.seq() + 1;
        delivered = new Segment(
                result.seq(),
                result.response(),
                counters,
                settings.maxSegmentBytes(),
                settings.url().safeSegment(result.seq()));
        counters.segmentsDelivered.incrementAndGet();
        pending = fetch(seq);
        caller.complete(delivered);
    }

    /** Settings of a {@link TrickleSubscriber}. */
    public static final class Builder {

        private final NettyTransport transport;
        private final String channelUrl;
        private SslContext sslContext;
        private long startSeq = LIVE;
        private LagPolicy lagPolicy = LagPolicy.DELIVER_ALL;
        private int maxLagSegments = 2;
        private int maxRetries = 5;
        private Duration retryDelay = Duration.ofMillis(500);
        private Duration edgeWaitRefresh = Duration.ofSeconds(20);
        private long maxSegmentBytes = 32L * 1024 * 1024;

        private Builder(NettyTransport transport, String channelUrl) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.channelUrl = Objects.requireNonNull(channelUrl, "channelUrl");
        }

        /** TLS context for an {@code https} channel. */
        public Builder sslContext(SslContext context) {
            this.sslContext = context;
            return this;
        }

        /** A seq, {@link #LIVE} (the default) or {@link #CURRENT}. */
        public Builder startSeq(long seq) {
            if (seq < CURRENT) {
                throw new IllegalArgumentException("startSeq must be >= 0, LIVE or CURRENT: " + seq);
            }
            this.startSeq = seq;
            return this;
        }

        /** {@link LagPolicy#DELIVER_ALL} by default. */
        public Builder lagPolicy(LagPolicy policy) {
            this.lagPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** With {@link LagPolicy#SKIP_TO_LATEST}: newer segments tolerated before skipping; default 2. */
        public Builder maxLagSegments(int segments) {
            if (segments < 0) {
                throw new IllegalArgumentException("maxLagSegments must not be negative");
            }
            this.maxLagSegments = segments;
            return this;
        }

        /** Retries of a GET after transient failures (default 5), spaced by {@code delay} (default 500 ms). */
        public Builder retries(int maxRetries, Duration delay) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            this.maxRetries = maxRetries;
            this.retryDelay = positive(delay, "delay");
            return this;
        }

        /** A GET waiting at the live edge without an answer this long is reissued; default 20 s. */
        public Builder edgeWaitRefresh(Duration refresh) {
            this.edgeWaitRefresh = positive(refresh, "edgeWaitRefresh");
            return this;
        }

        /** Limit of {@link Segment#readAllBytes()}; default 32 MiB. */
        public Builder maxSegmentBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxSegmentBytes must be positive");
            }
            this.maxSegmentBytes = bytes;
            return this;
        }

        public TrickleSubscriber build() {
            return new TrickleSubscriber(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
