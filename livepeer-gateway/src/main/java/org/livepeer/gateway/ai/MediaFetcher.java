package org.livepeer.gateway.ai;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.http.TransportException;

/**
 * The bytes behind a media URL of an answer: {@code data:} URLs are decoded; download URLs are
 * fetched only from the orchestrator that answered (relative ones resolve against it) or from an
 * origin the settings allow, so an orchestrator cannot make the gateway fetch an internal address.
 * Orchestrator downloads use its trust-on-first-use TLS. Both are limited in size and time.
 */
public final class MediaFetcher {

    private final NettyTransport transport;
    private final SslContext orchestratorTls;
    private final BatchSettings settings;

    public MediaFetcher(NettyTransport transport, SslContext orchestratorTls, BatchSettings settings) {
        this.transport = transport;
        this.orchestratorTls = orchestratorTls;
        this.settings = settings;
    }

    /** A data URL, or an absolute URL on an allowed origin (no orchestrator to resolve against). */
    public CompletableFuture<byte[]> fetch(String url) {
        return fetch(url, null);
    }

    /**
     * The bytes of {@code url} from an answer of the orchestrator at {@code orchestratorBase} (its
     * HTTP base URL, against which relative URLs resolve).
     */
    public CompletableFuture<byte[]> fetch(String url, String orchestratorBase) {
        if (url == null || url.isBlank()) {
            return CompletableFuture.failedFuture(invalid(orchestratorBase, "the answer has no media URL"));
        }
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            try {
                return CompletableFuture.completedFuture(decodeDataUrl(url, orchestratorBase));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        URI resolved;
        try {
            resolved = resolve(url.trim(), orchestratorBase);
        } catch (OrchestratorException e) {
            return CompletableFuture.failedFuture(e);
        }
        return download(resolved, orchestratorBase);
    }

    private URI resolve(String url, String orchestratorBase) {
        URI uri;
        try {
            uri = orchestratorBase == null ? new URI(url) : new URI(orchestratorBase).resolve(new URI(url));
        } catch (Exception e) {
            throw invalid(orchestratorBase, "answered a malformed media URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(orchestratorBase, "answered a media URL that is not http(s) with a host: " + safe(uri));
        }
        if (!isAllowed(uri, orchestratorBase)) {
            throw invalid(
                    orchestratorBase,
                    "answered a media URL on another origin (" + origin(uri)
                            + "); allow it with the media origins setting to fetch it");
        }
        return uri;
    }

    private boolean isAllowed(URI uri, String orchestratorBase) {
        String origin = origin(uri);
        if (orchestratorBase != null) {
            try {
                if (origin.equals(origin(new URI(orchestratorBase)))) {
                    return true;
                }
            } catch (Exception e) {
                // an unusable base allows nothing by itself
            }
        }
        List<String> allowed = settings.mediaOrigins();
        for (String entry : allowed) {
            String trimmed = entry.trim();
            if (trimmed.equals("*")) {
                return true;
            }
            try {
                if (origin.equals(origin(new URI(trimmed)))) {
                    return true;
                }
            } catch (Exception e) {
                // not a URL: matches nothing
            }
        }
        return false;
    }

    /** {@code scheme://host:port} with the default port made explicit. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    private byte[] decodeDataUrl(String url, String orchestratorBase) {
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw invalid(orchestratorBase, "answered a malformed data URL: no comma");
        }
        String meta = url.substring(5, comma);
        String data = url.substring(comma + 1);
        long maxBytes = settings.maxMediaBytes();
        // base64 needs at most 4 characters per 3 bytes: check before decoding
        if ((long) data.length() * 3 / 4 > maxBytes) {
            throw tooLarge(orchestratorBase);
        }
        try {
            if (meta.endsWith(";base64")) {
                return Base64.getMimeDecoder().decode(data.trim());
            }
            byte[] bytes = URLDecoder.decode(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxBytes) {
                throw tooLarge(orchestratorBase);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid(orchestratorBase, "answered a malformed data URL: " + e.getMessage());
        }
    }

    private CompletableFuture<byte[]> download(URI url, String orchestratorBase) {
        HttpRequest.Builder request = HttpRequest.get(url.toString())
                .responseTimeout(settings.responseTimeout())
                .idleTimeout(settings.bodyIdleTimeout())
                .totalTimeout(settings.totalTimeout())
                .maxResponseBytes(settings.maxMediaBytes());
        if ("https".equalsIgnoreCase(url.getScheme())) {
            request.sslContext(orchestratorTls);
        }
        HttpRequest built = request.build();
        String target = built.describe();
        String orchestrator = orchestratorBase != null ? authority(orchestratorBase) : url.getAuthority();
        return transport.send(built).handle((response, error) -> {
            if (error != null) {
                Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
                boolean retryable = cause instanceof TransportException transport
                        && transport.kind() != TransportException.Kind.BODY_TOO_LARGE;
                throw new CompletionException(new OrchestratorException(
                        orchestrator, target + " failed: " + cause.getMessage(), retryable, cause));
            }
            if (!response.isSuccess()) {
                throw new CompletionException(new OrchestratorException(
                        orchestrator,
                        response.status(),
                        target + " answered " + response.status() + ": "
                                + FailurePolicy.excerpt(response.bodyAsString()),
                        response.status() >= 500,
                        null));
            }
            return response.body();
        });
    }

    private OrchestratorException tooLarge(String orchestratorBase) {
        return invalid(orchestratorBase, "answered media larger than " + settings.maxMediaBytes() + " bytes");
    }

    private static OrchestratorException invalid(String orchestratorBase, String message) {
        return new OrchestratorException(
                orchestratorBase == null ? "(unknown)" : authority(orchestratorBase), message, false, null);
    }

    private static String authority(String base) {
        try {
            URI uri = new URI(base);
            return uri.getAuthority() == null ? base : uri.getAuthority();
        } catch (Exception e) {
            return base;
        }
    }

    /** Scheme, host, port and path: never a query, which may carry credentials. */
    private static String safe(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String host = uri.getHost() == null ? "" : uri.getHost();
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + host + port + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
    }
}
