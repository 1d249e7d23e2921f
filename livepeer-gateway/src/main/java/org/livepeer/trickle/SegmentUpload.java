package org.livepeer.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.StreamingRequest;
import org.livepeer.http.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment's streaming {@code POST <channel>/<seq>}: opened as soon as its seq is known (so it
 * can be pre-connected before the caller has data), fed with the caller's chunks, and repeated once
 * when it failed before the server got any body byte. A chunk is kept until the current POST has
 * written it, so a repeated POST sends the same bytes; a POST that lost part of the body fails the
 * segment instead.
 *
 * <p>A seq of {@link TricklePublisher#NEXT} posts to {@code <channel>/-1}, which a go-livepeer
 * server places at its next write slot; the seq it chose is learnt from the answer's {@code
 * Lp-Trickle-Seq}, so the segment after it can only be opened once this one is answered.
 *
 * <p>All state lives on one event loop; the caller-facing methods hop onto it, and every future is
 * completed there without locks held.
 *
 * <p>A chunk the upload owns outright (the caller handed it over, or it is a copy) is acknowledged
 * to the caller at once while at most {@link #MAX_UNSENT_BYTES} of the segment wait to go out, so
 * a caller writing chunk after chunk is not woken once per chunk; past that, once the socket took
 * enough of them to be back at that limit (so the socket never runs dry while the caller wakes). A
 * chunk that still belongs to the caller is acknowledged once it is on the socket. A failure of an
 * acknowledged chunk fails the segment, and later writes and {@link #finish()} report it.
 */
final class SegmentUpload {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentUpload.class);
    private static final int MAX_ATTEMPTS = 2;
    /** Bytes of chunks acknowledged before they are on the socket, at most, per segment. */
    static final int MAX_UNSENT_BYTES = 256 * 1024;

    private final PublishTarget target;
    private final EventLoop loop;
    private final CompletableFuture<Long> seq;
    private final boolean reset;
    private final PublisherCounters counters;
    private final CompletableFuture<PublishedSegment> outcome = new CompletableFuture<>();
    /** The seq the segment has at the server: known at once, or from the answer to a POST to -1. */
    private final CompletableFuture<Long> placed = new CompletableFuture<>();

    /** Set by the caller's thread: whether this upload has been given any data or was finished. */
    private volatile boolean used;
    /** Set by the caller's thread once it finished the body: later writes are refused, never acknowledged early. */
    private volatile boolean finishRequested;
    /** Bytes written by the caller and not yet on the socket (nor dropped). */
    private final AtomicLong unsentBytes = new AtomicLong();

    // event loop only
    private final ArrayDeque<Chunk> unsent = new ArrayDeque<>();
    /** Acknowledgements of owned chunks written past the limit, in order. */
    private final ArrayDeque<CompletableFuture<Void>> blockedWrites = new ArrayDeque<>();

    private StreamingRequest attempt;
    private long resolvedSeq = -1;
    private int attempts;
    private boolean finished;
    private long bytesSent;

    /** A caller's chunk and the future that tells the caller it was written. */
    private static final class Chunk {
        final ByteBuf data;
        final CompletableFuture<Void> written = new CompletableFuture<>();

        Chunk(ByteBuf data) {
            this.data = data;
        }
    }

    SegmentUpload(
            PublishTarget target,
            EventLoop loop,
            CompletableFuture<Long> seq,
            boolean reset,
            PublisherCounters counters) {
        this.target = target;
        this.loop = loop;
        this.seq = seq;
        this.reset = reset;
        this.counters = counters;
    }

    /** Opens the POST once the seq is known. */
    void open() {
        seq.whenComplete((resolved, error) -> loop.execute(() -> {
            if (error != null) {
                fail(asTrickleException(error));
            } else {
                if (resolved >= 0) {
                    placed.complete(resolved);
                }
                startAttempt(resolved);
            }
        }));
    }

    /** The seq, or -1 while it is not known yet (being resolved, or placed by the server once answered). */
    long seq() {
        return placed.isDone() && !placed.isCompletedExceptionally() ? placed.join() : -1;
    }

    /**
     * The seq this segment has at the server; for a POST to -1 it is known once the server answered
     * (and fails when the segment failed or the answer did not say).
     */
    CompletableFuture<Long> placedSeq() {
        return placed;
    }

    CompletableFuture<PublishedSegment> outcome() {
        return outcome;
    }

    /** Failed before it carried any of the caller's data, so it can be replaced without loss. */
    boolean failedUnused() {
        return !used && outcome.isCompletedExceptionally();
    }

    /**
     * Takes ownership of {@code data}. With {@code owned} (nobody else will touch its bytes) the
     * future may complete at once (see the class comment); otherwise it completes once the
     * server-bound socket took the chunk.
     */
    CompletableFuture<Void> write(ByteBuf data, boolean owned) {
        used = true;
        int length = data.readableBytes();
        long waiting = unsentBytes.addAndGet(length);
        boolean early = owned && waiting <= MAX_UNSENT_BYTES && !finishRequested && !outcome.isDone();
        CompletableFuture<Void> written = early ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        loop.execute(() -> {
            if (outcome.isDone() || finished) {
                unsentBytes.addAndGet(-length);
                data.release();
                written.completeExceptionally(outcome.isDone() ? endedError() : finishedError());
                return;
            }
            Chunk chunk = new Chunk(data);
            unsent.addLast(chunk);
            if (attempt != null) {
                send(attempt, chunk);
            }
            if (owned && !early) {
                blockedWrites.addLast(written);
                releaseBlockedWrites();
            } else if (!early) {
                chunk.written.whenComplete((ok, error) -> {
                    if (error != null) {
                        written.completeExceptionally(error);
                    } else {
                        written.complete(null);
                    }
                });
            }
        });
        return written;
    }

    /** Ends the body; the result completes when the server acknowledged the segment. */
    CompletableFuture<PublishedSegment> finish() {
        used = true;
        finishRequested = true;
        loop.execute(() -> {
            if (finished || outcome.isDone()) {
                return;
            }
            finished = true;
            if (attempt != null) {
                attempt.finish();
            }
        });
        return outcome;
    }

    /** Drops the POST and fails the segment with {@code reason}, unless it is already over. */
    void abort(TrickleException reason) {
        loop.execute(() -> {
            if (!outcome.isDone()) {
                fail(reason);
            }
        });
    }

    /** Drops the POST; the segment fails with {@code CLOSED}. */
    void abortByCaller() {
        loop.execute(() -> {
            if (!outcome.isDone()) {
                fail(new TrickleException(
                        TrickleException.Kind.CLOSED,
                        target.url().safeSegment(resolvedSeq),
                        "segment aborted by the caller"));
            }
        });
    }

    /** Aborts a segment whose body the caller has not finished; a finished one runs to its answer. */
    CompletableFuture<PublishedSegment> abortUnlessFinished(TrickleException reason) {
        loop.execute(() -> {
            if (!finished && !outcome.isDone()) {
                fail(reason);
            }
        });
        return outcome;
    }

    private void startAttempt(long resolved) {
        if (outcome.isDone()) {
            return;
        }
        resolvedSeq = resolved;
        attempts++;
        HttpRequest.Builder head = target.request("POST", target.url().segment(resolved));
        if (target.mimeType() != null) {
            head.header(HttpHeaderNames.CONTENT_TYPE, target.mimeType());
        }
        if (reset) {
            head.header(TrickleProtocol.RESET, "1");
        }
        StreamingRequest request = target.transport().open(head.build(), loop);
        attempt = request;
        for (Chunk chunk : unsent) {
            send(request, chunk);
        }
        if (finished) {
            request.finish();
        }
        request.response().whenComplete((response, error) -> loop.execute(() -> onAnswer(request, response, error)));
    }

    private void send(StreamingRequest request, Chunk chunk) {
        // the transport consumes a duplicate, so the chunk keeps its bytes for a repeated POST
        request.write(chunk.data.retainedDuplicate()).whenComplete((ok, error) -> {
            if (error == null) {
                loop.execute(() -> onSent(request, chunk));
            }
            // a failed write also fails the response, which decides what happens next
        });
    }

    private void onSent(StreamingRequest request, Chunk chunk) {
        if (request != attempt || outcome.isDone() || !unsent.remove(chunk)) {
            return;
        }
        countSent(chunk);
        chunk.written.complete(null);
    }

    private void onAnswer(StreamingRequest request, HttpResponse response, Throwable error) {
        if (request != attempt || outcome.isDone()) {
            return;
        }
        String url = target.url().safeSegment(resolvedSeq);
        if (error == null && response.isSuccess()) {
            if (TrickleProtocol.isClosed(response.headers())) {
                fail(new TrickleException(TrickleException.Kind.CHANNEL_CLOSED, url, "the server closed the channel"));
            } else if (!finished) {
                fail(new TrickleException(
                        TrickleException.Kind.SEGMENT_FAILED,
                        url,
                        "the server ended the segment before its body was complete"));
            } else {
                succeed(response);
            }
            return;
        }
        if (error == null && response.status() == 404) {
            fail(new TrickleException(
                    TrickleException.Kind.CHANNEL_GONE,
                    url,
                    "HTTP 404 " + TrickleProtocol.excerpt(response.bodyAsString())));
            return;
        }
        Throwable cause = error == null ? null : unwrap(error);
        String detail = error == null
                ? "HTTP " + response.status() + " " + TrickleProtocol.excerpt(response.bodyAsString())
                : "POST failed after " + request.bodyBytesSent() + " body bytes";
        if (attempts < MAX_ATTEMPTS && !request.isAnyBodySent() && !isFinal(cause)) {
            counters.retries.incrementAndGet();
            LOG.warn(
                    "Trickle POST {} failed before any body byte was sent, retrying once: {}",
                    url,
                    cause != null ? cause.getMessage() : detail);
            startAttempt(resolvedSeq);
            return;
        }
        fail(new TrickleException(TrickleException.Kind.SEGMENT_FAILED, url, detail, cause));
    }

    private void succeed(HttpResponse response) {
        // the server answers only once it read the whole body, so every chunk arrived
        List<Chunk> rest = new ArrayList<>(unsent);
        unsent.clear();
        rest.forEach(this::countSent);
        long actual = resolvedSeq;
        if (actual < 0) {
            actual = TrickleProtocol.number(response.headers(), TrickleProtocol.SEQ, -1);
            if (actual >= 0) {
                placed.complete(actual);
            } else {
                placed.completeExceptionally(new TrickleException(
                        TrickleException.Kind.PROTOCOL_ERROR,
                        target.url().safeSegment(resolvedSeq),
                        "the answer to a POST to -1 did not say which seq it wrote (" + TrickleProtocol.SEQ + ")"));
            }
        }
        outcome.complete(new PublishedSegment(actual, bytesSent, attempts));
        rest.forEach(chunk -> chunk.written.complete(null));
        releaseBlockedWrites();
    }

    private void fail(TrickleException error) {
        List<Chunk> rest = new ArrayList<>(unsent);
        unsent.clear();
        if (attempt != null) {
            attempt.abort();
        }
        if (error.kind() == TrickleException.Kind.CLOSED || error.kind() == TrickleException.Kind.CHANNEL_CLOSED) {
            // closed by us, or the server ended the stream: the publisher reports how it ended
            LOG.debug("Trickle segment not sent: {}", error.getMessage());
        } else {
            LOG.warn("Trickle segment failed: {}", error.getMessage());
        }
        outcome.completeExceptionally(error);
        placed.completeExceptionally(error);
        for (Chunk chunk : rest) {
            unsentBytes.addAndGet(-chunk.data.readableBytes());
            chunk.data.release();
            chunk.written.completeExceptionally(error);
        }
        while (!blockedWrites.isEmpty()) {
            blockedWrites.pollFirst().completeExceptionally(error);
        }
    }

    private void countSent(Chunk chunk) {
        int length = chunk.data.readableBytes();
        unsentBytes.addAndGet(-length);
        bytesSent += length;
        counters.bytesSent.addAndGet(length);
        chunk.data.release();
        releaseBlockedWrites();
    }

    /** Acknowledges owned chunks written past the limit once the socket brought it back under. */
    private void releaseBlockedWrites() {
        while (!blockedWrites.isEmpty() && unsentBytes.get() <= MAX_UNSENT_BYTES) {
            blockedWrites.pollFirst().complete(null);
        }
    }

    private TrickleException endedError() {
        try {
            outcome.join();
            return new TrickleException(
                    TrickleException.Kind.SEGMENT_FAILED,
                    target.url().safeSegment(resolvedSeq),
                    "segment already ended");
        } catch (RuntimeException e) {
            return asTrickleException(e);
        }
    }

    private TrickleException finishedError() {
        return new TrickleException(
                TrickleException.Kind.SEGMENT_FAILED,
                target.url().safeSegment(resolvedSeq),
                "write after the segment body was finished");
    }

    /** Failures a second POST cannot help with: the caller stopped, or the transport is closed. */
    private static boolean isFinal(Throwable cause) {
        return cause instanceof TransportException transport
                && (transport.kind() == TransportException.Kind.CANCELLED
                        || transport.kind() == TransportException.Kind.TRANSPORT_CLOSED);
    }

    private TrickleException asTrickleException(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TrickleException trickle) {
            return trickle;
        }
        return new TrickleException(
                TrickleException.Kind.SEGMENT_FAILED, target.url().toString(), null, cause);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                        || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
