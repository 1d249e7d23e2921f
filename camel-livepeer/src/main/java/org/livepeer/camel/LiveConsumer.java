package org.livepeer.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.livepeer.gateway.live.LiveVideoJob;
import org.livepeer.trickle.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives from a live session: on the media channel each output segment is one exchange (body
 * byte[] or an InputStream, by {@code segmentBody}); on the events channel each runner event is one
 * exchange (body a Map). One exchange at a time, in order; the next segment is requested when the
 * route is done with the previous one.
 */
public class LiveConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LivepeerEndpoint endpoint;
    private volatile ExecutorService executor;
    private volatile boolean running;
    private volatile String session;
    /** Why the consumer no longer receives (null while it does); its liveness check reports it. */
    private volatile String problem;

    public LiveConsumer(LivepeerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EndpointValidation.validate(endpoint);
        LivepeerConfiguration config = endpoint.getConfiguration();
        session = config.getSession();
        if (session == null || session.isBlank()) {
            throw new org.livepeer.gateway.ConfigurationException("session", "a live consumer needs ?session=…");
        }
        executor = endpoint.getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadExecutor(this, "LivepeerLiveConsumer");
        running = true;
        problem = null;
        registerHealthCheck();
        endpoint.getComponent().watchReadiness(this, endpoint);
        endpoint.getComponent()
                .acquireLiveSession(session, endpoint, endpoint.networkSettings())
                .whenCompleteAsync(
                        (job, error) -> {
                            if (error != null) {
                                failed("live session " + session + " did not start", error);
                            } else {
                                next(job);
                            }
                        },
                        executor);
    }

    /**
     * Registers the session's liveness check ({@code livepeer-consumer:<routeId>}); Camel's consumer
     * check of the route ({@code consumer:<routeId>}, readiness) asks it too.
     */
    private void registerHealthCheck() {
        LiveConsumerHealthCheck check = new LiveConsumerHealthCheck(this, getRouteId());
        check.setCamelContext(endpoint.getCamelContext());
        check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        setHealthCheck(check);
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (registry != null) {
            registry.register(check);
        }
    }

    private void unregisterHealthCheck() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (registry != null && getHealthCheck() != null) {
            registry.unregister(getHealthCheck());
        }
    }

    String session() {
        return session;
    }

    String problem() {
        return problem;
    }

    private void failed(String what, Throwable error) {
        problem = what + ": " + org.livepeer.gateway.Failures.unwrap(error).getMessage();
        getExceptionHandler().handleException(what, error);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        endpoint.getComponent().unwatchReadiness(this);
        unregisterHealthCheck();
        if (session != null) {
            endpoint.getComponent().releaseLiveSession(session);
        }
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    private void next(LiveVideoJob job) {
        if (!running) {
            return;
        }
        boolean events = endpoint.getConfiguration().getChannel() == LiveChannel.EVENTS;
        CompletableFuture<?> item = events ? job.nextEvent(executor) : job.nextOutput();
        item.whenCompleteAsync(
                (value, error) -> {
                    if (!running) {
                        if (value instanceof Segment segment) {
                            segment.close();
                        }
                        return;
                    }
                    if (error != null) {
                        failed("live session " + session + " failed", error);
                        return;
                    }
                    if (value == null) {
                        problem =
                                "live session " + session + ": the " + (events ? "events" : "output") + " stream ended";
                        LOG.info("live session {}: the {} stream ended", session, events ? "events" : "output");
                        return;
                    }
                    deliver(job, value);
                },
                executor);
    }

    private void deliver(LiveVideoJob job, Object value) {
        Exchange exchange = createExchange(false);
        Segment segment = value instanceof Segment s ? s : null;
        try {
            exchange.getMessage().setHeader(LivepeerConstants.SESSION, session);
            exchange.getMessage().setHeader(LivepeerConstants.MANIFEST_ID, job.manifestId());
            exchange.getMessage()
                    .setHeader(
                            LivepeerConstants.ORCHESTRATOR_USED,
                            job.orchestrator().authority());
            if (segment != null) {
                exchange.getMessage().setHeader(LivepeerConstants.SEGMENT_SEQUENCE, segment.seq());
                boolean stream = endpoint.getConfiguration().getSegmentBody() == SegmentBody.STREAM;
                exchange.getMessage().setBody(stream ? segment.body() : segment.readAllBytes());
            } else {
                exchange.getMessage().setBody(JSON.convertValue((JsonNode) value, Map.class));
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler()
                        .handleException("processing a live segment failed", exchange, exchange.getException());
            }
            if (segment != null) {
                segment.close();
            }
            releaseExchange(exchange, false);
            ExecutorService current = executor;
            if (running && current != null) {
                try {
                    current.execute(() -> next(job));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // the consumer is stopping: nothing more to deliver
                }
            }
        });
    }
}
