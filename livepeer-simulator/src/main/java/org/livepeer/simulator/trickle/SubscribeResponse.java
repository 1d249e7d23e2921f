package org.livepeer.simulator.trickle;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.livepeer.simulator.http.HttpCall;

/**
 * Streams one segment to a {@code GET <channel>/<seq>}. As in go-livepeer, the response head goes
 * out with the first bytes, so a subscriber waiting at the live edge sees nothing until data flows;
 * a segment that ends empty gets an empty 200 whose headers tell where the channel is.
 */
final class SubscribeResponse implements SegmentReader.Sink {

    private final HttpCall call;
    private final TrickleChannel channel;
    private final long seq;
    private final long latestAtRequest;
    private boolean started;

    SubscribeResponse(HttpCall call, TrickleChannel channel, long seq, long latestAtRequest) {
        this.call = call;
        this.channel = channel;
        this.seq = seq;
        this.latestAtRequest = latestAtRequest;
    }

    @Override
    public void onChunk(ByteBuf chunk) {
        if (!started) {
            started = true;
            HttpHeaders headers = new DefaultHttpHeaders();
            if (seq != latestAtRequest) {
                headers.set(TrickleHeaders.LATEST, latestAtRequest);
            }
            headers.set(TrickleHeaders.SEQ, seq);
            String mimeType = channel.mimeType().isEmpty() ? null : channel.mimeType();
            call.startStream(HttpResponseStatus.OK, mimeType, headers);
        }
        call.writeChunk(chunk);
    }

    @Override
    public void onEnd() {
        if (started) {
            call.endStream();
            return;
        }
        HttpHeaders headers =
                new DefaultHttpHeaders().set(TrickleHeaders.SEQ, seq).set(TrickleHeaders.LATEST, channel.nextSeq());
        if (channel.isClosed()) {
            headers.set(TrickleHeaders.CLOSED, TrickleHeaders.TERMINATED);
        }
        call.respondEmpty(HttpResponseStatus.OK, headers);
    }
}
