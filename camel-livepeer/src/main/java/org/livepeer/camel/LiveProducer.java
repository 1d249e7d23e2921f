package org.livepeer.camel;

import java.io.IOException;
import java.io.InputStream;
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
 * (byte[], a Netty buffer, or anything Camel reads as a stream: a file, a path, a ByteBuffer, an
 * InputStream streamed as it is read); on the control
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
        EndpointValidation.validate(endpoint);
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
        boolean control = endpoint.getConfiguration().getChannel() == LiveChannel.CONTROL;
        session(name)
                .thenComposeAsync(job -> control ? sendControl(job, body) : publish(job, exchange, body), executor)
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

    private static CompletableFuture<LiveVideoJob> publish(LiveVideoJob job, Exchange exchange, Object body) {
        try {
            Object segment = MediaBodies.toSegment(exchange, body);
            if (segment instanceof byte[] bytes) {
                return job.publish(bytes).thenApply(ignored -> job);
            }
            try (InputStream stream = (InputStream) segment) {
                job.publish(stream);
            }
            return CompletableFuture.completedFuture(job);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
