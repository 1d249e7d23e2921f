package org.livepeer.trickle;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;

/**
 * Where and how a publisher's requests go: the channel, the transport, the TLS context and the
 * request settings every POST shares.
 */
record PublishTarget(
        ChannelUrl url, NettyTransport transport, SslContext sslContext, String mimeType, Duration responseTimeout) {

    HttpRequest.Builder request(String method, URI uri) {
        HttpRequest.Builder builder = HttpRequest.builder(method, uri);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        if (responseTimeout != null) {
            builder.responseTimeout(responseTimeout);
        }
        return builder;
    }
}
