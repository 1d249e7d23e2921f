package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its response on one connection: attaching to a connection, the response and idle
 * timers, and when the connection may be used again (only when the request was fully written and
 * the response fully read, with keep-alive on both sides). Subclasses write the request and consume
 * the response. Everything after {@link #attach} runs on the connection's event loop; {@link #fail}
 * may be called from any thread.
 */
abstract class Exchange {

    final HttpRequest request;
    /** Method and URL for messages. */
    final String target;

    final ExchangeLimits limits;

    /**
     * How long a server that broke off an upload has to get its answer to us after a body write
     * failed; the connection closing ends the wait sooner.
     */
    static final long ANSWER_AFTER_WRITE_FAILURE_MILLIS = 1_000;

    private final Duration responseTimeout;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile HttpConnection connection;

    private boolean bodyTaken;
    private boolean requestSent;
    private boolean headReceived;
    private boolean responseEnded;
    private boolean keepAlive;
    private ScheduledFuture<?> responseTimer;
    private ScheduledFuture<?> idleTimer;
    private volatile ScheduledFuture<?> totalTimer;
    private long lastReadNanos;
    private int interimResponses;
    private TransportException writeFailure;

    Exchange(HttpRequest request, ExchangeLimits limits) {
        this.request = request;
        this.target = request.describe();
        this.limits = limits;
        this.responseTimeout = limits.head();
        this.keepAlive = !request.headersForWire().containsValue("Connection", "close", true);
    }

    /** A caller cancelling {@code future} (e.g. {@code future.cancel(true)}) aborts the exchange. */
    final void abortWhenCancelled(CompletableFuture<?> future) {
        future.whenComplete((result, error) -> {
            if (error instanceof CancellationException) {
                fail(new TransportException(TransportException.Kind.CANCELLED, target, "cancelled by the caller"));
            }
        });
    }

    /** Starts the limit of the whole exchange; before {@link #start}. */
    final void startTotalTimer(java.util.concurrent.ScheduledExecutorService scheduler) {
        Duration total = limits.total();
        if (total == null || done.get()) {
            return;
        }
        totalTimer = scheduler.schedule(
                () -> fail(new TransportException(
                        TransportException.Kind.TOTAL_TIMEOUT,
                        target,
                        "not complete within " + total.toMillis() + " ms")),
                total.toNanos(),
                TimeUnit.NANOSECONDS);
        if (done.get()) {
            totalTimer.cancel(false);
        }
    }

    /** Runs the exchange on the connection {@code acquired} delivers. */
    final void start(CompletableFuture<HttpConnection> acquired) {
        acquired.whenComplete((connection, error) -> {
            if (error != null) {
                fail(Failures.connecting(target, error));
            } else {
                attach(connection);
            }
        });
    }

    private void attach(HttpConnection acquired) {
        synchronized (this) {
            if (done.get()) {
                // cancelled while waiting for the connection, which is still clean
                acquired.releaseUnused();
                return;
            }
            connection = acquired;
        }
        acquired.eventLoop().execute(() -> {
            if (done.get()) {
                return;
            }
            acquired.begin(this);
            writeRequest(acquired);
        });
    }

    /** Writes the request (or its head); on the event loop. */
    abstract void writeRequest(HttpConnection connection);

    /** Writes head and whole body with a {@code Content-Length}; the response timer starts once written. */
    final void writeWholeRequest(HttpConnection connection) {
        bodyTaken = true;
        ByteBuf content = request.takeBody();
        DefaultFullHttpRequest message = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), Urls.requestTarget(request.uri()), content);
        RequestHeads.copy(request, message.headers());
        if (request.hasBody() || RequestHeads.expectsBody(request.method())) {
            HttpUtil.setContentLength(message, content.readableBytes());
        }
        connection.channel().writeAndFlush(message).addListener(written -> {
            if (written.isSuccess()) {
                requestSent();
            } else {
                bodyWriteFailed(Failures.connectionLost(target, "could not send the request", written.cause()));
            }
        });
    }

    /**
     * Writing the request failed. A server may have answered early (a 404 on the head, say) and
     * closed while the body was still going out; its answer may already be waiting to be read, and
     * it wins over the write error. So the exchange fails with {@code error} only when no answer
     * comes: once the connection closes, or after a short grace. On the event loop.
     */
    final void bodyWriteFailed(TransportException error) {
        if (done.get() || writeFailure != null) {
            return;
        }
        writeFailure = error;
        connection.eventLoop().schedule(() -> fail(error), ANSWER_AFTER_WRITE_FAILURE_MILLIS, TimeUnit.MILLISECONDS);
    }

    abstract void onHead(io.netty.handler.codec.http.HttpResponse head);

    /** A piece of the body; not retained for the callee. */
    abstract void onContent(ByteBuf content);

    abstract void onEnd();

    /** The exchange failed; called at most once, and never after it completed. */
    abstract void onFailure(TransportException error);

    /** Hook: the channel's writability changed. */
    void onWritabilityChanged(boolean writable) {}

    /** Hook: idle timers do not run while the caller holds reading back. */
    boolean isReadingPaused() {
        return false;
    }

    final HttpConnection connection() {
        return connection;
    }

    final boolean isDone() {
        return done.get();
    }

    /** The whole request was written; the response timer starts now. */
    final void requestSent() {
        if (done.get()) {
            return;
        }
        requestSent = true;
        if (!headReceived && responseTimeout != null) {
            responseTimer = connection
                    .eventLoop()
                    .schedule(
                            () -> fail(new TransportException(
                                    TransportException.Kind.RESPONSE_TIMEOUT,
                                    target,
                                    "no response within " + responseTimeout.toMillis() + " ms")),
                            responseTimeout.toNanos(),
                            TimeUnit.NANOSECONDS);
        }
    }

    /** Hook: an interim {@code 1xx} response arrived (and was skipped). */
    void interimResponseReceived() {}

    /** An interim response arrived; too many of them (a flood) fail the exchange. */
    final void interimReceived() {
        if (done.get()) {
            return;
        }
        if (++interimResponses > limits.maxInterimResponses()) {
            fail(new TransportException(
                    TransportException.Kind.PROTOCOL_ERROR,
                    target,
                    "more than " + limits.maxInterimResponses() + " interim 1xx responses"));
            return;
        }
        interimResponseReceived();
    }

    final void headReceived(io.netty.handler.codec.http.HttpResponse head) {
        if (done.get()) {
            return;
        }
        headReceived = true;
        keepAlive &= HttpUtil.isKeepAlive(head);
        cancel(responseTimer);
        touch();
        Duration idle = limits.idle();
        if (idle != null) {
            scheduleIdleCheck(idle.toNanos());
        }
        onHead(head);
    }

    final void contentReceived(ByteBuf content) {
        if (done.get()) {
            return;
        }
        touch();
        onContent(content);
    }

    /** The socket read that delivered the last content is over. */
    void readComplete() {}

    final void endReceived() {
        if (done.get()) {
            return;
        }
        responseEnded = true;
        cancel(idleTimer);
        if (requestSent) {
            // back to the pool before the caller hears of the response, so its next request can reuse it
            complete();
        } else if (done.compareAndSet(false, true)) {
            // the server answered before the request was fully written: done, but not reusable
            cancel(totalTimer);
            cancel(idleTimer);
            onDone();
            connection.close();
        }
        onEnd();
    }

    final void connectionLost(Throwable cause) {
        if (writeFailure != null && !headReceived) {
            fail(writeFailure);
            return;
        }
        String detail = headReceived ? "connection closed mid-body" : "connection closed before the response";
        fail(Failures.connectionLost(target, detail, cause));
    }

    final void protocolError(Throwable cause) {
        fail(new TransportException(TransportException.Kind.PROTOCOL_ERROR, target, null, cause));
    }

    final void writabilityChanged(boolean writable) {
        if (!done.get()) {
            onWritabilityChanged(writable);
        }
    }

    /** Fails the exchange and closes its connection, once; from any thread. */
    final void fail(TransportException error) {
        HttpConnection current;
        synchronized (this) {
            current = connection;
            if (current == null) {
                if (done.compareAndSet(false, true)) {
                    cancel(totalTimer);
                    discardUnsentBody();
                    onDone();
                    onFailure(error);
                }
                return;
            }
        }
        if (!current.eventLoop().inEventLoop()) {
            current.eventLoop().execute(() -> fail(error));
            return;
        }
        if (!done.compareAndSet(false, true)) {
            return;
        }
        cancel(responseTimer);
        cancel(idleTimer);
        cancel(totalTimer);
        current.close();
        discardUnsentBody();
        onDone();
        onFailure(error);
    }

    /**
     * Ends the exchange before the response ended, without failing it (the callee delivers what it
     * has, e.g. the prefix of an error body): closes the connection. On the event loop.
     */
    final boolean finishEarly() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancel(responseTimer);
        cancel(idleTimer);
        cancel(totalTimer);
        connection.close();
        discardUnsentBody();
        onDone();
        return true;
    }

    private void discardUnsentBody() {
        if (!bodyTaken) {
            bodyTaken = true;
            request.discardBody();
        }
    }

    /** Hook: the exchange is over (completed, failed or answered early); on the event loop if attached. */
    void onDone() {}

    /** Marks the last body activity (also after the caller resumes reading). */
    final void touch() {
        lastReadNanos = System.nanoTime();
    }

    private void complete() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        cancel(responseTimer);
        cancel(idleTimer);
        cancel(totalTimer);
        onDone();
        connection.end(this, keepAlive);
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = connection.eventLoop().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (done.get() || responseEnded) {
            return;
        }
        long limit = limits.idle().toNanos();
        if (isReadingPaused()) {
            touch();
        }
        long quiet = System.nanoTime() - lastReadNanos;
        if (quiet >= limit) {
            fail(new TransportException(
                    TransportException.Kind.IDLE_TIMEOUT,
                    target,
                    "no body bytes for " + limits.idle().toMillis() + " ms"));
        } else {
            scheduleIdleCheck(limit - quiet);
        }
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
