package org.livepeer.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request whose body the caller writes over time as chunks ({@code Transfer-Encoding: chunked}),
 * with the response collected whole. The head goes out as soon as a connection is there; chunks
 * written before that wait in order. A chunk's future completes once it is on the socket and the
 * channel is writable again, which is the caller's backpressure.
 */
final class UploadExchange extends BufferedExchange {

    final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    /** Writes handed to the event loop as tasks that have not run yet; later writes queue behind them. */
    private final AtomicInteger queuedWrites = new AtomicInteger();

    private volatile int interimResponses;

    /** Guarded by this: the caller's side. */
    private final ArrayDeque<Write> beforeAttach = new ArrayDeque<>();

    private boolean attached;
    private boolean finishing;

    /** Event loop only: chunks on the socket, waiting for the channel to become writable. */
    private final ArrayDeque<CompletableFuture<Void>> awaitingWritable = new ArrayDeque<>();

    private record Write(HttpContent content, CompletableFuture<Void> future) {}

    /** Event loop only: written chunks not yet taken by the server, and when one last was. */
    private int pendingWrites;

    private long lastWriteProgressNanos;
    private java.util.concurrent.ScheduledFuture<?> writeStallTimer;

    UploadExchange(HttpRequest head, ExchangeLimits limits, long maxResponseBytes) {
        super(head, limits, maxResponseBytes);
    }

    @Override
    void writeRequest(HttpConnection connection) {
        DefaultHttpRequest head = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), Urls.requestTarget(request.uri()));
        RequestHeads.copy(request, head.headers());
        HttpUtil.setTransferEncodingChunked(head, true);
        connection.channel().writeAndFlush(head).addListener(written -> {
            if (written.isSuccess()) {
                connected.complete(null);
            } else {
                fail(Failures.connectionLost(target, "could not send the request head", written.cause()));
            }
        });
        List<Write> queued;
        synchronized (this) {
            attached = true;
            queued = new ArrayList<>(beforeAttach);
            beforeAttach.clear();
        }
        queued.forEach(this::writeNow);
    }

    /** Takes ownership of {@code chunk}. */
    CompletableFuture<Void> write(ByteBuf chunk) {
        if (!chunk.isReadable()) {
            chunk.release();
            return CompletableFuture.completedFuture(null);
        }
        return submit(new DefaultHttpContent(chunk), false);
    }

    CompletableFuture<HttpResponse> finish() {
        submit(LastHttpContent.EMPTY_LAST_CONTENT, true);
        return response;
    }

    long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    private CompletableFuture<Void> submit(HttpContent content, boolean last) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Write write = new Write(content, future);
        synchronized (this) {
            if (finishing) {
                content.release();
                future.completeExceptionally(new IllegalStateException("request body already finished: " + target));
                return future;
            }
            finishing = last;
            if (!attached && !isDone()) {
                beforeAttach.addLast(write);
                return future;
            }
        }
        if (isDone()) {
            reject(write);
        } else if (connection().eventLoop().inEventLoop() && queuedWrites.get() == 0) {
            // on the connection's loop with no earlier write waiting: write now, without a task
            // and the selector wake-up it costs
            writeNow(write);
        } else {
            queuedWrites.incrementAndGet();
            connection().eventLoop().execute(() -> {
                queuedWrites.decrementAndGet();
                writeNow(write);
            });
        }
        return future;
    }

    private void writeNow(Write write) {
        if (isDone()) {
            reject(write);
            return;
        }
        boolean last = write.content instanceof LastHttpContent;
        int length = write.content.content().readableBytes();
        writeStarted();
        write.future.whenComplete((ignored, error) -> writeTaken());
        // a write queued right behind this one flushes both (e.g. a segment's last chunk and its
        // end): one socket write, and one TLS record batch, instead of two
        boolean flushLater = queuedWrites.get() > 0;
        Channel channel = connection().channel();
        ChannelFuture sent = flushLater ? channel.write(write.content) : channel.writeAndFlush(write.content);
        sent.addListener(written -> {
            if (!written.isSuccess()) {
                TransportException error =
                        Failures.connectionLost(target, "could not send the request body", written.cause());
                write.future.completeExceptionally(error);
                bodyWriteFailed(error);
                return;
            }
            bodyBytesSent.addAndGet(length);
            if (last) {
                write.future.complete(null);
                requestSent();
            } else if (connection().channel().isWritable()) {
                write.future.complete(null);
            } else {
                awaitingWritable.addLast(write.future);
            }
        });
    }

    /** A chunk went to the socket; the server must take it within the idle timeout. */
    private void writeStarted() {
        if (pendingWrites++ == 0) {
            lastWriteProgressNanos = System.nanoTime();
        }
        if (writeStallTimer == null && limits.idle() != null) {
            scheduleWriteStallCheck(limits.idle().toNanos());
        }
    }

    private void writeTaken() {
        if (connection().eventLoop().inEventLoop()) {
            pendingWrites--;
            lastWriteProgressNanos = System.nanoTime();
        } else {
            connection().eventLoop().execute(this::writeTaken);
        }
    }

    private void scheduleWriteStallCheck(long nanos) {
        writeStallTimer = connection().eventLoop().schedule(this::checkWriteStall, nanos, TimeUnit.NANOSECONDS);
    }

    private void checkWriteStall() {
        writeStallTimer = null;
        if (isDone() || pendingWrites <= 0) {
            return;
        }
        long limit = limits.idle().toNanos();
        long quiet = System.nanoTime() - lastWriteProgressNanos;
        if (quiet >= limit) {
            fail(new TransportException(
                    TransportException.Kind.IDLE_TIMEOUT,
                    target,
                    "the server took no request body bytes for " + limits.idle().toMillis() + " ms"));
        } else {
            scheduleWriteStallCheck(limit - quiet);
        }
    }

    @Override
    void interimResponseReceived() {
        interimResponses++;
    }

    int interimResponses() {
        return interimResponses;
    }

    @Override
    void onWritabilityChanged(boolean writable) {
        while (writable && !awaitingWritable.isEmpty()) {
            awaitingWritable.pollFirst().complete(null);
        }
    }

    @Override
    void onDone() {
        Exchange.cancel(writeStallTimer);
        List<Write> unsent;
        synchronized (this) {
            unsent = new ArrayList<>(beforeAttach);
            beforeAttach.clear();
        }
        unsent.forEach(this::reject);
        while (!awaitingWritable.isEmpty()) {
            awaitingWritable.pollFirst().completeExceptionally(exchangeOver());
        }
        if (!connected.isDone()) {
            // built only when someone can still see it: most exchanges end with nothing pending
            connected.completeExceptionally(exchangeOver());
        }
    }

    private void reject(Write write) {
        ReferenceCountUtil.release(write.content);
        write.future.completeExceptionally(exchangeOver());
    }

    private TransportException exchangeOver() {
        return new TransportException(
                TransportException.Kind.CONNECTION_CLOSED,
                target,
                "the exchange is over (answered, failed or aborted) before this part of the body was sent");
    }
}
