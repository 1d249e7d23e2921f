package org.livepeer.gateway.ai;

import io.netty.handler.ssl.SslContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.http.TransportException;

/**
 * The bytes behind a media URL of an answer: {@code data:} URLs are decoded, download URLs on the
 * orchestrator ({@code /stream/…}) are fetched with its trust-on-first-use TLS. Both are limited
 * in size.
 */
public final class MediaFetcher {

    private final NettyTransport transport;
    private final SslContext orchestratorTls;
    private final Duration timeout;
    private final long maxBytes;

    public MediaFetcher(NettyTransport transport, SslContext orchestratorTls, Duration timeout, long maxBytes) {
        this.transport = transport;
        this.orchestratorTls = orchestratorTls;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    public CompletableFuture<byte[]> fetch(String url) {
        if (url == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no media URL"));
        }
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            try {
                return CompletableFuture.completedFuture(decodeDataUrl(url));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return download(url);
    }

    private byte[] decodeDataUrl(String url) {
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("malformed data URL: no comma");
        }
        String meta = url.substring(5, comma);
        String data = url.substring(comma + 1);
        // base64 needs at most 4 characters per 3 bytes: check before decoding
        if ((long) data.length() * 3 / 4 > maxBytes) {
            throw new IllegalArgumentException("media larger than " + maxBytes + " bytes");
        }
        if (meta.endsWith(";base64")) {
            return Base64.getDecoder().decode(data.trim());
        }
        byte[] bytes = URLDecoder.decode(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("media larger than " + maxBytes + " bytes");
        }
        return bytes;
    }

    private CompletableFuture<byte[]> download(String url) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.get(url).responseTimeout(timeout).maxResponseBytes(maxBytes);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (url.regionMatches(true, 0, "https:", 0, 6)) {
            request.sslContext(orchestratorTls);
        }
        String target = request.build().describe();
        return transport.send(request.build()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
                boolean retryable = cause instanceof TransportException transport
                        && transport.kind() != TransportException.Kind.BODY_TOO_LARGE;
                throw new CompletionException(new OrchestratorException(
                        hostOf(url), target + " failed: " + cause.getMessage(), retryable, cause));
            }
            if (!response.isSuccess()) {
                throw new CompletionException(new OrchestratorException(
                        hostOf(url),
                        response.status(),
                        target + " answered " + response.status() + ": "
                                + response.bodyAsString().trim(),
                        response.status() >= 500,
                        null));
            }
            return response.body();
        });
    }

    private static String hostOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}
