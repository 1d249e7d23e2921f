package org.livepeer.examples.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.livepeer.camel.LivepeerConstants;
import org.livepeer.gateway.Failures;
import org.livepeer.gateway.ai.BatchSettings;
import org.livepeer.gateway.ai.MediaFetcher;
import org.livepeer.gateway.ai.model.AudioResponse;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.Media;
import org.livepeer.gateway.ai.model.MediaUrl;
import org.livepeer.gateway.tls.TlsContexts;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.http.NettyTransport;

/**
 * Makes the media of an answer readable by the API's clients: orchestrators answer download URLs
 * on their own (self-signed) HTTPS; they become {@code data:} URLs, as the AI runner itself answers.
 * go-livepeer's gateway copies them to its object store instead. Answers without media pass as
 * they are.
 */
final class MediaInliner extends ServiceSupport implements Processor {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private NettyTransport transport;
    private MediaFetcher fetcher;

    @Override
    protected void doStart() {
        transport = NettyTransport.create();
        BatchSettings settings =
                BatchSettings.defaults().withResponseTimeout(TIMEOUT).withMaxMediaBytes(MAX_BYTES);
        fetcher = new MediaFetcher(transport, TlsContexts.tofuHttp(new TofuTrustStore()), settings);
    }

    @Override
    protected void doStop() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        String orchestrator = exchange.getMessage().getHeader(LivepeerConstants.TRANSCODER_URL, String.class);
        if (body instanceof ImageResponse images) {
            List<Media> inlined = new ArrayList<>();
            for (Media media : images.images()) {
                inlined.add(new Media(inline(media.url(), orchestrator), media.seed(), media.nsfw()));
            }
            exchange.getMessage().setBody(new ImageResponse(inlined));
        } else if (body instanceof AudioResponse audio && audio.audio() != null) {
            exchange.getMessage()
                    .setBody(new AudioResponse(new MediaUrl(inline(audio.audio().url(), orchestrator))));
        }
    }

    private String inline(String url, String orchestrator) throws Exception {
        if (url == null || url.regionMatches(true, 0, "data:", 0, 5)) {
            return url;
        }
        byte[] bytes;
        try {
            bytes = fetcher.fetch(url, orchestrator).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asException(Failures.unwrap(e));
        } catch (TimeoutException e) {
            throw new IllegalStateException("fetching a result from the orchestrator timed out", e);
        }
        return "data:" + contentType(url) + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static Exception asException(Throwable failure) {
        return failure instanceof Exception e ? e : new IllegalStateException(failure);
    }

    static String contentType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (path.endsWith(".wav")) {
            return "audio/wav";
        }
        if (path.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        return "application/octet-stream";
    }
}
