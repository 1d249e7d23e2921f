package org.livepeer.trickle;

import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes segments to one trickle channel: one streaming {@code POST <channel>/<seq>} per
 * segment, with the POST for {@code seq + 1} opened while {@code seq} is written. The first POST
 * carries {@code Lp-Trickle-Reset: 1}, which unblocks subscribers still waiting on segments of an
 * earlier publisher.
 *
 * <p>A 404 (channel gone), a closed channel, or {@link Builder#maxConsecutiveFailures} failed
 * segments in a row make the publisher terminal: {@link #next()} then throws a {@link
 * TrickleException} naming the channel and the cause. Write one segment at a time: finish a segment
 * before asking for the next.
 *
 * <p>Non-blocking apart from {@link #publish(InputStream)} and {@link #close()}; futures complete on
 * the transport's event loop, so callbacks attached to them must not block.
 */
public final class TricklePublisher implements AutoCloseable {

    /**
     * Start seq meaning: ask the server ({@code GET <channel>/next}); when it has no {@code /next}
     * (go-livepeer before v0.8.11, or a channel a server creates on its first POST) the first
     * segment goes to {@code <channel>/-1}, which the server places at its next write slot.
     */
    public static final long NEXT = -1;

    private static final Logger LOG = LoggerFactory.getLogger(TricklePublisher.class);
    private static final int STREAM_CHUNK_BYTES = 64 * 1024;

    private final PublishTarget target;
    private final long startSeq;
    private final int maxConsecutiveFailures;
    private final boolean deleteOnClose;
    private final Duration closeTimeout;
    private final EventLoop loop;
    private final PublisherCounters counters = new PublisherCounters();

    // guarded by this
    private CompletableFuture<Long> nextSeq;
    private SegmentUpload preconnected;
    private SegmentUpload current;
    private boolean resetSent;
    private CompletableFuture<Void> closing;

    private TricklePublisher(Builder builder) {
        this.target = new PublishTarget(
                ChannelUrl.parse(builder.channelUrl),
                builder.transport,
                builder.sslContext,
                builder.mimeType,
                builder.responseTimeout);
        this.startSeq = builder.startSeq;
        this.maxConsecutiveFailures = builder.maxConsecutiveFailures;
        this.deleteOnClose = builder.deleteOnClose;
        this.closeTimeout = builder.closeTimeout;
        this.loop = builder.transport.eventLoopGroup().next();
    }

    public static Builder builder(NettyTransport transport, String channelUrl) {
        return new Builder(transport, channelUrl);
    }

    /** The channel URL, without user info or query. */
    public String url() {
        return target.url().toString();
    }

    /**
     * Starts the next segment: returns its writer at once, with its POST already open (or opening).
     *
     * @throws TrickleException when the publisher is terminal or closed
     */
    public SegmentWriter next() throws TrickleException {
        SegmentUpload upload;
        synchronized (this) {
            if (closing != null) {
                throw new TrickleException(TrickleException.Kind.CLOSED, url(), "the publisher is closed");
            }
            TrickleException terminal = counters.terminal.get();
            if (terminal != null) {
                throw new TrickleException(terminal.kind(), url(), "the publisher stopped earlier", terminal);
            }
            upload = preconnected;
            preconnected = null;
            if (upload == null || upload.failedUnused()) {
                // a pre-connect that failed before carrying data is replaced, nothing is lost
                upload = newUpload(startOrNextSeq(), !resetSent);
                resetSent = true;
            }
            current = upload;
            nextSeq = upload.placedSeq().thenApply(seq -> seq + 1);
            preconnected = newUpload(nextSeq, false);
        }
        counters.segmentsStarted.incrementAndGet();
        // callers see the outcome only after it is counted, so a failure that makes the publisher
        // terminal is visible to the next call
        CompletableFuture<PublishedSegment> recorded = upload.outcome().whenComplete(this::recordOutcome);
        return new SegmentWriter(upload, recorded);
    }

    /** Publishes a whole segment; do not modify {@code segment} until the future completes. */
    public CompletableFuture<PublishedSegment> publish(byte[] segment) {
        SegmentWriter writer;
        try {
            writer = next();
        } catch (TrickleException e) {
            return CompletableFuture.failedFuture(e);
        }
        writer.write(segment);
        return writer.finish();
    }

    /**
     * Publishes one segment read from {@code source} as it is read, never holding more than two
     * chunks. Blocks the calling thread (never call it on an event loop).
     *
     * @throws TrickleException when the segment failed
     * @throws IOException when reading {@code source} failed (the segment is aborted)
     */
    public PublishedSegment publish(InputStream source) throws IOException {
        requireOffEventLoop();
        SegmentWriter writer = next();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        // two arrays taking turns: one is read into while the other's write is in flight
        byte[][] chunks = {new byte[STREAM_CHUNK_BYTES], new byte[STREAM_CHUNK_BYTES]};
        int turn = 0;
        try {
            while (true) {
                byte[] chunk = chunks[turn];
                turn ^= 1;
                int length = source.readNBytes(chunk, 0, chunk.length);
                await(previous);
                if (length == 0) {
                    break;
                }
                previous = writer.write(chunk, 0, length);
                if (length < chunk.length) {
                    await(previous);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        return await(writer.finish());
    }

    /** A snapshot of the counters. */
    public PublisherStats stats() {
        return counters.snapshot();
    }

    /** The error that made the publisher terminal, or null while it works. */
    public TrickleException terminalError() {
        return counters.terminal.get();
    }

    /**
     * Aborts the pre-connected POST and an unfinished segment, lets a finished one receive its
     * answer, then (unless disabled) {@code DELETE}s the channel. Completes exceptionally when the
     * DELETE failed.
     */
    public CompletableFuture<Void> closeAsync() {
        SegmentUpload unused;
        SegmentUpload open;
        synchronized (this) {
            if (closing != null) {
                return closing;
            }
            closing = new CompletableFuture<>();
            unused = preconnected;
            open = current;
            preconnected = null;
        }
        TrickleException closed = new TrickleException(TrickleException.Kind.CLOSED, url(), "the publisher is closed");
        counters.becomeTerminal(closed);
        if (unused != null) {
            unused.abort(closed);
        }
        CompletableFuture<?> lastSegment =
                open == null ? CompletableFuture.completedFuture(null) : open.abortUnlessFinished(closed);
        lastSegment
                .handle((ok, error) -> null)
                .thenCompose(ignored -> deleteOnClose ? deleteChannel() : CompletableFuture.completedFuture(null))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        closing.completeExceptionally(SegmentUpload.unwrap(error));
                    } else {
                        closing.complete(null);
                    }
                });
        return closing;
    }

    /** {@link #closeAsync()} and waits for it (up to the close timeout); failures are logged. */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (isOnEventLoop()) {
            return;
        }
        try {
            done.get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Closed trickle publisher {}: {}", url(), stats());
        } catch (ExecutionException e) {
            LOG.warn(
                    "Closing trickle publisher {} failed: {}",
                    url(),
                    e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("Closing trickle publisher {} did not complete within {} ms", url(), closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SegmentUpload newUpload(CompletableFuture<Long> seq, boolean reset) {
        SegmentUpload upload = new SegmentUpload(target, loop, seq, reset, counters);
        upload.outcome().whenComplete((ok, error) -> {
            if (error != null && SegmentUpload.unwrap(error) instanceof TrickleException failure) {
                if (failure.kind() == TrickleException.Kind.CHANNEL_GONE
                        || failure.kind() == TrickleException.Kind.CHANNEL_CLOSED) {
                    becomeTerminal(failure);
                }
            }
        });
        upload.open();
        return upload;
    }

    /** The seq of the next segment, resolving the start when it is not known (or failed before). */
    private CompletableFuture<Long> startOrNextSeq() {
        if (nextSeq == null || nextSeq.isCompletedExceptionally()) {
            nextSeq = startSeq >= 0 ? CompletableFuture.completedFuture(startSeq) : resolveNextSeq();
        }
        return nextSeq;
    }

    private CompletableFuture<Long> resolveNextSeq() {
        String nextUrl = url() + "/next";
        return target.transport()
                .send(target.request("GET", target.url().next()).build(), loop)
                .handle((response, error) -> {
                    if (error != null) {
                        throw new java.util.concurrent.CompletionException(new TrickleException(
                                TrickleException.Kind.SEGMENT_FAILED,
                                nextUrl,
                                "could not ask for the next seq",
                                SegmentUpload.unwrap(error)));
                    }
                    return parseNextSeq(nextUrl, response);
                });
    }

    /** The seq {@code /next} answered, or {@link #NEXT} when the server has no usable {@code /next}. */
    private static long parseNextSeq(String nextUrl, HttpResponse response) {
        if (TrickleProtocol.isClosed(response.headers())) {
            throw new java.util.concurrent.CompletionException(
                    new TrickleException(TrickleException.Kind.CHANNEL_CLOSED, nextUrl, "the channel is closed"));
        }
        if (response.isSuccess()) {
            long latest = TrickleProtocol.number(response.headers(), TrickleProtocol.LATEST, -1);
            if (latest < 0) {
                try {
                    latest = Long.parseLong(response.bodyAsString().trim());
                } catch (NumberFormatException e) {
                    latest = -1;
                }
            }
            if (latest >= 0) {
                return latest;
            }
        }
        // go-livepeer before v0.8.11 reads "next" as a bad seq (400), and a channel created on its
        // first POST does not exist yet (404): let the server place the segment instead
        LOG.info(
                "{} answered HTTP {} without a next seq; publishing to -1, the server's next write slot",
                nextUrl,
                response.status());
        return NEXT;
    }

    private void recordOutcome(PublishedSegment published, Throwable error) {
        if (error == null) {
            counters.segmentsCompleted.incrementAndGet();
            counters.consecutiveFailures.set(0);
            return;
        }
        counters.segmentsFailed.incrementAndGet();
        Throwable cause = SegmentUpload.unwrap(error);
        TrickleException failure = cause instanceof TrickleException trickle
                ? trickle
                : new TrickleException(TrickleException.Kind.SEGMENT_FAILED, url(), null, cause);
        if (failure.kind() == TrickleException.Kind.CLOSED) {
            return;
        }
        if (failure.kind().isTerminal()) {
            becomeTerminal(failure);
            return;
        }
        int failures = counters.consecutiveFailures.incrementAndGet();
        if (failures >= maxConsecutiveFailures) {
            becomeTerminal(new TrickleException(
                    TrickleException.Kind.TOO_MANY_FAILURES, url(), failures + " segments failed in a row", failure));
        }
    }

    private void becomeTerminal(TrickleException failure) {
        if (counters.becomeTerminal(failure)) {
            if (failure.kind() == TrickleException.Kind.CHANNEL_CLOSED) {
                // how a stream normally ends, e.g. when the session closes: no alarm
                LOG.info("Trickle publisher {} stopped: the server closed the channel", url());
            } else {
                LOG.error("Trickle publisher {} stopped: {}", url(), failure.getMessage());
            }
            SegmentUpload unused;
            synchronized (this) {
                unused = preconnected;
                preconnected = null;
            }
            if (unused != null) {
                unused.abort(failure);
            }
        }
    }

    private CompletableFuture<Void> deleteChannel() {
        return target.transport()
                .send(target.request("DELETE", target.url().channel()).build())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new java.util.concurrent.CompletionException(new TrickleException(
                                TrickleException.Kind.SEGMENT_FAILED,
                                url(),
                                "DELETE of the channel failed",
                                SegmentUpload.unwrap(error)));
                    }
                    if (!response.isSuccess()) {
                        // e.g. the channel is already gone
                        LOG.debug("DELETE {} answered {}", url(), response.status());
                    }
                    return null;
                });
    }

    private <T> T await(CompletableFuture<T> future) throws TrickleException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = SegmentUpload.unwrap(e);
            if (cause instanceof TrickleException trickle) {
                throw trickle;
            }
            throw new TrickleException(TrickleException.Kind.SEGMENT_FAILED, url(), null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrickleException(TrickleException.Kind.CLOSED, url(), "interrupted while publishing");
        }
    }

    private boolean isOnEventLoop() {
        for (var executor : target.transport().eventLoopGroup()) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private void requireOffEventLoop() {
        if (isOnEventLoop()) {
            throw new IllegalStateException("blocking publish on an event loop thread: " + url());
        }
    }

    /** Settings of a {@link TricklePublisher}. */
    public static final class Builder {

        private final NettyTransport transport;
        private final String channelUrl;
        private SslContext sslContext;
        private String mimeType = "video/MP2T";
        private long startSeq = NEXT;
        private int maxConsecutiveFailures = 3;
        private boolean deleteOnClose = true;
        private Duration responseTimeout;
        private Duration closeTimeout = Duration.ofSeconds(10);

        private Builder(NettyTransport transport, String channelUrl) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.channelUrl = Objects.requireNonNull(channelUrl, "channelUrl");
        }

        /** TLS context for an {@code https} channel (e.g. trusting the orchestrator's certificate). */
        public Builder sslContext(SslContext context) {
            this.sslContext = context;
            return this;
        }

        /** {@code Content-Type} of each POST; null for none. Default {@code video/MP2T}, as go-livepeer sends. */
        public Builder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        /** The first seq, or {@link #NEXT} (the default) to ask the server. */
        public Builder startSeq(long seq) {
            if (seq < NEXT) {
                throw new IllegalArgumentException("startSeq must be >= 0 or NEXT: " + seq);
            }
            this.startSeq = seq;
            return this;
        }

        /** Failed segments in a row that make the publisher terminal; default 3. */
        public Builder maxConsecutiveFailures(int failures) {
            if (failures < 1) {
                throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1");
            }
            this.maxConsecutiveFailures = failures;
            return this;
        }

        /** Whether {@link #close()} deletes the channel; default true. */
        public Builder deleteOnClose(boolean delete) {
            this.deleteOnClose = delete;
            return this;
        }

        /** How long the server may take to answer a POST once its body is sent; default: the transport's. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        /** How long {@link TricklePublisher#close()} waits; default 10 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public TricklePublisher build() {
            return new TricklePublisher(this);
        }
    }
}
