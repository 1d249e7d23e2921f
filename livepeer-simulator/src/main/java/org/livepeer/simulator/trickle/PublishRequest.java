package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one {@code POST <channel>/<seq>}: every chunk goes into the segment as it arrives and
 * the reply comes when the body ends. Until the first byte, the server sends {@code 100 Continue}
 * keepalives, and a close of the segment (reset, DELETE, channel closed) answers the waiting
 * publisher at once. All methods run on the connection's event loop.
 */
final class PublishRequest implements BodyConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PublishRequest.class);

    private final HttpCall call;
    private final TrickleChannel channel;
    private final SegmentWriter writer;
    private ScheduledFuture<?> keepalive;
    private boolean finished;

    PublishRequest(HttpCall call, TrickleChannel channel, SegmentWriter writer) {
        this.call = call;
        this.channel = channel;
        this.writer = writer;
    }

    /** Starts the keepalives and the watch on the segment; call once, on the event loop. */
    void start(Duration keepaliveInterval) {
        if (writer.isSegmentClosed()) {
            // e.g. a repeated POST of a finished segment: nothing of it will be kept
            segmentClosedBeforeData();
            return;
        }
        long millis = keepaliveInterval.toMillis();
        keepalive = call.executor().scheduleAtFixedRate(call::sendContinue, millis, millis, TimeUnit.MILLISECONDS);
        writer.onSegmentClosed(() -> call.executor().execute(this::segmentClosedBeforeData));
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        if (finished || !chunk.isReadable()) {
            return;
        }
        stopKeepalive();
        writer.write(chunk);
    }

    @Override
    public void onEnd() {
        if (finished) {
            return;
        }
        finished = true;
        stopKeepalive();
        if (writer.bytesWritten() == 0) {
            answerWithoutData();
            return;
        }
        writer.end();
        LOG.debug("POST {} seq {} completed, {} bytes", channel.name(), writer.seq(), writer.bytesWritten());
        call.respondEmpty(HttpResponseStatus.OK, seqHeader());
    }

    @Override
    public void onAbort() {
        if (finished) {
            return;
        }
        finished = true;
        stopKeepalive();
        if (writer.bytesWritten() == 0) {
            // go-livepeer answers 500 and leaves the segment as it was, fresh: the publisher's next
            // POST to this seq fills it and a waiting subscriber keeps waiting for that data
            LOG.info("POST {} seq {} lost its connection before any data", channel.name(), writer.seq());
            writer.abandon();
            call.respondText(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Server error");
            return;
        }
        LOG.info(
                "POST {} seq {} lost its connection after {} bytes; closing the segment",
                channel.name(),
                writer.seq(),
                writer.bytesWritten());
        writer.abort();
    }

    /** A pre-connected publisher whose segment was closed before it sent anything is let go. */
    private void segmentClosedBeforeData() {
        if (finished || writer.bytesWritten() > 0) {
            return;
        }
        finished = true;
        stopKeepalive();
        answerWithoutData();
    }

    /**
     * Answers a POST that wrote nothing; the channel still moves past this seq so that the
     * publisher's next seq is valid.
     */
    private void answerWithoutData() {
        channel.markWriteStarted(writer.seq());
        writer.end();
        HttpHeaders headers = seqHeader();
        if (channel.isClosed()) {
            headers.set(TrickleHeaders.CLOSED, TrickleHeaders.TERMINATED);
        }
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        call.respondEmpty(HttpResponseStatus.OK, headers);
    }

    private HttpHeaders seqHeader() {
        return new DefaultHttpHeaders().set(TrickleHeaders.SEQ, writer.seq());
    }

    private void stopKeepalive() {
        if (keepalive != null) {
            keepalive.cancel(false);
            keepalive = null;
        }
    }
}
