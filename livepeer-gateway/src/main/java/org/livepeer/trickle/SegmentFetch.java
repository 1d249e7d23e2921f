package org.livepeer.trickle;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.livepeer.http.StreamingResponse;
import org.livepeer.http.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the segment a subscriber reads next, starting at one seq: a {@code GET <channel>/<seq>}
 * whose result is the response as soon as its head arrives. Follows the trickle rules on the way:
 * a 470 jumps to the latest seq at once, behind the live edge or ahead of it (a publisher that
 * restarted counts from 0 again, as go-livepeer's gateway assumes), a GET that waits at the live
 * edge longer than the refresh time is reissued, an empty segment is delivered like any other,
 * transient failures are retried a bounded number of times, and 404 or a closed channel end the
 * stream. All of it runs on one event loop, with delays as timers on that loop.
 */
final class SegmentFetch {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFetch.class);
    /** Error bodies up to this size are read to the end so their connection can be reused. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    /** The response of the segment found, or (when {@code response} is null) why the stream ended. */
    record Result(StreamingResponse response, long seq, TrickleException.Kind end) {
        boolean isEnd() {
            return response == null;
        }
    }

    private final SubscribeSettings settings;
    private final EventLoop loop;
    private final SubscriberCounters counters;
    private final CompletableFuture<Result> result = new CompletableFuture<>();

    /** Jumps to a latest seq that again does not exist before the subscriber gives up. */
    private static final int MAX_NOT_FOUND_IN_ROW = 10;

    // event loop only
    private long seq;
    private int failures;
    /** 470 answers since the last segment: a server that keeps answering 470 must not loop us forever. */
    private int notFoundInRow;

    private CompletableFuture<StreamingResponse> inFlight;
    private ScheduledFuture<?> timer;
    private boolean cancelled;

    SegmentFetch(SubscribeSettings settings, EventLoop loop, SubscriberCounters counters, long seq) {
        this.settings = settings;
        this.loop = loop;
        this.counters = counters;
        this.seq = seq;
    }

    CompletableFuture<Result> result() {
        return result;
    }

    void start() {
        loop.execute(this::request);
    }

    /** Stops looking: cancels the GET or timer in progress and closes a response found but not taken. */
    void cancel() {
        loop.execute(() -> {
            cancelled = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (inFlight != null) {
                inFlight.cancel(true);
            }
            if (!result.isDone()) {
                result.complete(new Result(null, seq, TrickleException.Kind.CLOSED));
            } else if (!result.isCompletedExceptionally() && !result.join().isEnd()) {
                result.join().response().close();
            }
        });
    }

    private void request() {
        if (cancelled || result.isDone()) {
            return;
        }
        CompletableFuture<StreamingResponse> get = settings.transport().receive(settings.get(seq), loop);
        inFlight = get;
        get.whenComplete((response, error) -> loop.execute(() -> onResponse(get, response, error)));
    }

    private void onResponse(CompletableFuture<StreamingResponse> get, StreamingResponse response, Throwable error) {
        if (cancelled || get != inFlight || result.isDone()) {
            if (response != null) {
                response.close();
            }
            return;
        }
        inFlight = null;
        if (error != null) {
            onFailure(SegmentUpload.unwrap(error));
            return;
        }
        switch (response.status()) {
            case 200 -> onSegment(response);
            case 404 -> {
                drain(response);
                end(TrickleException.Kind.CHANNEL_GONE);
            }
            case TrickleProtocol.SEGMENT_NOT_FOUND -> onSegmentNotFound(response);
            default -> {
                drain(response);
                retryLater(null, "HTTP " + response.status() + " " + response.reason());
            }
        }
    }

    private void onFailure(Throwable cause) {
        if (cause instanceof TransportException transport) {
            switch (transport.kind()) {
                case RESPONSE_TIMEOUT -> {
                    // nothing published at the live edge for a while: ask again rather than hold a stale GET
                    request();
                    return;
                }
                case TRANSPORT_CLOSED, CANCELLED -> {
                    result.completeExceptionally(
                            new TrickleException(TrickleException.Kind.CLOSED, segmentUrl(), null, cause));
                    return;
                }
                default -> {}
            }
        }
        retryLater(cause, "GET failed");
    }

    private void onSegment(StreamingResponse response) {
        if (TrickleProtocol.isClosed(response.headers())) {
            drain(response);
            end(TrickleException.Kind.CHANNEL_CLOSED);
            return;
        }
        long actual = TrickleProtocol.number(response.headers(), TrickleProtocol.SEQ, seq);
        failures = 0;
        notFoundInRow = 0;
        if (contentLength(response) == 0) {
            // still a segment (an empty one, or one a publisher reset closed): go and python hand it on
            counters.emptySegments.incrementAndGet();
        }
        long latest = TrickleProtocol.number(response.headers(), TrickleProtocol.LATEST, -1);
        long newest = latest - 1;
        if (settings.lagPolicy() == LagPolicy.SKIP_TO_LATEST && newest - actual > settings.maxLagSegments()) {
            response.close();
            counters.segmentsSkipped.addAndGet(newest - actual);
            LOG.debug(
                    "Trickle subscriber {} behind by {} segments, skipping to {}",
                    settings.url(),
                    newest - actual,
                    newest);
            seq = newest;
            request();
            return;
        }
        if (seq >= 0 && actual != seq) {
            counters.gaps.incrementAndGet();
        }
        result.complete(new Result(response, actual, null));
    }

    private void onSegmentNotFound(StreamingResponse response) {
        counters.resets.incrementAndGet();
        long latest = TrickleProtocol.number(response.headers(), TrickleProtocol.LATEST, -1);
        drain(response);
        if (latest < 0 || latest == seq) {
            retryLater(null, "470 with " + TrickleProtocol.LATEST + " " + latest);
            return;
        }
        if (++notFoundInRow > MAX_NOT_FOUND_IN_ROW) {
            result.completeExceptionally(new TrickleException(
                    TrickleException.Kind.TOO_MANY_FAILURES,
                    segmentUrl(),
                    notFoundInRow + " answers in a row said the segment does not exist (470)"));
            return;
        }
        if (latest > seq) {
            counters.gaps.incrementAndGet();
        }
        // behind: the segment left the window; ahead: the publisher restarted and counts again from
        // a lower seq. Either way the live edge is the latest seq, and waiting would miss segments
        LOG.debug("Trickle subscriber {}: segment {} does not exist, moving to latest {}", settings.url(), seq, latest);
        seq = latest;
        request();
    }

    private void retryLater(Throwable cause, String detail) {
        failures++;
        if (failures > settings.maxRetries()) {
            result.completeExceptionally(new TrickleException(
                    TrickleException.Kind.TOO_MANY_FAILURES,
                    segmentUrl(),
                    detail + "; gave up after " + failures + " attempts",
                    cause));
            return;
        }
        counters.retries.incrementAndGet();
        LOG.debug("Trickle GET {} failed ({}), retrying", segmentUrl(), cause != null ? cause.getMessage() : detail);
        schedule(settings.retryDelay());
    }

    private void schedule(Duration delay) {
        timer = loop.schedule(this::request, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void end(TrickleException.Kind reason) {
        result.complete(new Result(null, seq, reason));
    }

    private String segmentUrl() {
        return settings.url().safeSegment(seq);
    }

    private static long contentLength(StreamingResponse response) {
        return TrickleProtocol.number(response.headers(), HttpHeaderNames.CONTENT_LENGTH.toString(), -1);
    }

    /** Lets a small error body arrive so its connection can be reused; anything else is cut off. */
    private static void drain(StreamingResponse response) {
        long length = contentLength(response);
        if (length >= 0 && length <= DRAIN_LIMIT) {
            response.completion().whenComplete((ok, error) -> response.close());
        } else {
            response.close();
        }
    }
}
