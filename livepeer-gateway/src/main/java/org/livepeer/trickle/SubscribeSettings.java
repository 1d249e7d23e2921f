package org.livepeer.trickle;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;

/** Everything a subscriber's GETs share; see {@link TrickleSubscriber.Builder} for the meaning. */
record SubscribeSettings(
        ChannelUrl url,
        NettyTransport transport,
        SslContext sslContext,
        LagPolicy lagPolicy,
        int maxLagSegments,
        int maxRetries,
        Duration retryDelay,
        Duration edgeWaitRefresh,
        long maxSegmentBytes) {

    HttpRequest get(long seq) {
        HttpRequest.Builder builder =
                HttpRequest.builder("GET", url.segment(seq)).responseTimeout(edgeWaitRefresh);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /** {@code GET <channel>/next}, answered at once by servers that have it. */
    HttpRequest next() {
        HttpRequest.Builder builder = HttpRequest.builder("GET", url.next()).responseTimeout(edgeWaitRefresh);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }
}
