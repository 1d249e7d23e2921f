package org.livepeer.camel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.live.LiveVideoJob;

/**
 * Publishes to a live session: on the media channel each message body is one input segment
 * (byte[], Netty buffer, File, Path, or an InputStream streamed as it is read); on the control
 * channel the body (JSON text or a Map) is a parameter update. A failed segment fails its
 * exchange, so Camel's error handler sees it.
 */
public class LiveProducer extends DefaultAsyncProducer {

    private final LivepeerEndpoint endpoint;
    private final Map<String, CompletableFuture<LiveVideoJob>> sessions = new ConcurrentHashMap<>();
    private NetworkSettings network;
    private ExecutorService executor;

    public LiveProducer(LivepeerEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        network = endpoint.networkSettings();
        executor = endpoint.getCamelContext()
                .getExecutorServiceManager()
                .newDefaultThreadPool(this, "LivepeerLiveProducer");
        String session = endpoint.getConfiguration().getSession();
        if (session != null) {
            session(session);
        }
    }

    @Override
    protected void doStop() throws Exception {
        sessions.keySet().forEach(name -> endpoint.getComponent().releaseLiveSession(name));
        sessions.clear();
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getMessage();
        String name = in.getHeader(
                LivepeerConstants.SESSION, endpoint.getConfiguration().getSession(), String.class);
        if (name == null || name.isBlank()) {
            exchange.setException(new ConfigurationException(
                    "session",
                    "name the live session with ?session=… or the " + LivepeerConstants.SESSION + " header"));
            callback.done(true);
            return true;
        }
        Object body = in.getBody();
        boolean control = "control".equals(endpoint.getConfiguration().getChannel());
        session(name)
                .thenComposeAsync(job -> control ? sendControl(job, body) : publish(job, body), executor)
                .whenCompleteAsync(
                        (job, error) -> {
                            if (error != null) {
                                exchange.setException(RouteErrors.typed(error));
                            } else {
                                in.setHeader(LivepeerConstants.MANIFEST_ID, job.manifestId());
                                in.setHeader(
                                        LivepeerConstants.ORCHESTRATOR_USED,
                                        job.orchestrator().authority());
                            }
                            callback.done(false);
                        },
                        executor);
        return false;
    }

    private CompletableFuture<LiveVideoJob> session(String name) {
        return sessions.computeIfAbsent(name, n -> endpoint.getComponent().acquireLiveSession(n, endpoint, network));
    }

    private static CompletableFuture<LiveVideoJob> publish(LiveVideoJob job, Object body) {
        if (body instanceof byte[] bytes) {
            return job.publish(bytes).thenApply(ignored -> job);
        }
        if (body instanceof ByteBuf buffer) {
            return job.publish(ByteBufUtil.getBytes(buffer)).thenApply(ignored -> job);
        }
        try (InputStream stream = open(body)) {
            job.publish(stream);
            return CompletableFuture.completedFuture(job);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static InputStream open(Object body) throws IOException {
        if (body instanceof InputStream stream) {
            return stream;
        }
        if (body instanceof File file) {
            return new FileInputStream(file);
        }
        if (body instanceof Path path) {
            return Files.newInputStream(path);
        }
        throw new org.livepeer.gateway.ai.InvalidAiRequestException(
                "a live segment must be byte[], a Netty ByteBuf, File, Path or InputStream, not "
                        + (body == null ? "null" : body.getClass().getName()));
    }

    private static CompletableFuture<LiveVideoJob> sendControl(LiveVideoJob job, Object body) {
        Map<String, Object> params;
        if (body instanceof Map<?, ?> map) {
            params = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> params.put(String.valueOf(k), v));
        } else if (body instanceof String text) {
            params = RequestBodies.parseBody(text);
        } else {
            return CompletableFuture.failedFuture(new org.livepeer.gateway.ai.InvalidAiRequestException(
                    "a control message must be JSON text or a Map, not "
                            + (body == null ? "null" : body.getClass().getName())));
        }
        return job.control(params).thenApply(ignored -> job);
    }
}
