package org.livepeer.camel;

import static org.livepeer.gateway.Failures.unwrap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
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
    /** Per session, the turn of the last exchange sent to it: done once it was handed to the session. */
    private final Map<String, CompletableFuture<Void>> turns = new ConcurrentHashMap<>();

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
        endpoint.getComponent().watchReadiness(this, endpoint);
        String session = endpoint.getConfiguration().getSession();
        if (session != null) {
            session(session);
        }
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().unwatchReadiness(this);
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
        long started = System.nanoTime();
        inTurn(name, job -> control ? sendControl(job, body) : publish(job, exchange, body))
                .whenCompleteAsync(
                        (job, error) -> {
                            endpoint.getComponent()
                                    .requestMetrics()
                                    .live(
                                            name,
                                            control ? "control" : "media",
                                            RequestMetrics.outcome(error == null ? null : unwrap(error)),
                                            java.time.Duration.ofNanos(System.nanoTime() - started));
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

    /**
     * Runs {@code send} for session {@code name} after the session's previous exchange was handed
     * to it, so that segments go out in the order the route sent them. When the session is running
     * and nothing is waiting, {@code send} runs at once on the calling thread (a byte[] segment is
     * handed over without a thread hop); otherwise it runs on the producer's executor when its turn
     * comes, never on the thread that completed the turn before it (an event loop, perhaps).
     */
    private CompletableFuture<LiveVideoJob> inTurn(
            String name, Function<LiveVideoJob, CompletableFuture<LiveVideoJob>> send) {
        CompletableFuture<LiveVideoJob> session = session(name);
        CompletableFuture<Void> myTurn = new CompletableFuture<>();
        CompletableFuture<Void> previous = turns.put(name, myTurn);
        myTurn.thenRun(() -> turns.remove(name, myTurn));
        CompletableFuture<LiveVideoJob> result = new CompletableFuture<>();
        Runnable step = () -> {
            CompletableFuture<LiveVideoJob> sent;
            try {
                sent = send.apply(session.join());
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(unwrap(e));
            } finally {
                myTurn.complete(null);
            }
            sent.whenComplete((job, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(job);
                }
            });
        };
        if ((previous == null || previous.isDone()) && session.isDone()) {
            step.run();
        } else {
            CompletableFuture.allOf(previous == null ? session : previous, session)
                    .whenComplete((ready, error) -> {
                        try {
                            executor.execute(step);
                        } catch (RuntimeException stopping) {
                            myTurn.complete(null);
                            result.completeExceptionally(stopping);
                        }
                    });
        }
        return result;
    }

    /**
     * The session this producer holds under {@code name}. One whose start failed is let go of and
     * started again, so that a later exchange is not failed by a start that failed before it.
     */
    private CompletableFuture<LiveVideoJob> session(String name) {
        return sessions.compute(name, (n, held) -> {
            if (held != null && !held.isCompletedExceptionally()) {
                return held;
            }
            if (held != null) {
                endpoint.getComponent().releaseLiveSession(n);
            }
            return endpoint.getComponent().acquireLiveSession(n, endpoint, network);
        });
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
