package org.livepeer.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.livepeer.gateway.Failures;
import org.livepeer.gateway.apps.ScopeSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a Scope session's events, one exchange per event (body a Map), in order: the next event
 * is read when the route is done with the previous one. The session starts with the route.
 */
public class ScopeConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LivepeerEndpoint endpoint;
    private volatile ExecutorService executor;
    private volatile boolean running;
    private volatile String session;

    public ScopeConsumer(LivepeerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = ScopeEndpoints.validate(endpoint);
        executor = endpoint.getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadExecutor(this, "LivepeerScopeConsumer");
        running = true;
        endpoint.getComponent()
                .acquireScopeSession(session, endpoint, endpoint.networkSettings())
                .whenCompleteAsync(
                        (scope, error) -> {
                            if (error != null) {
                                getExceptionHandler()
                                        .handleException(
                                                "Scope session " + session + " did not start", Failures.unwrap(error));
                            } else {
                                next(scope);
                            }
                        },
                        executor);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (session != null) {
            endpoint.getComponent().releaseScopeSession(session);
        }
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    private void next(ScopeSession scope) {
        ExecutorService current = executor;
        if (!running || current == null) {
            return;
        }
        scope.nextEvent(current)
                .whenCompleteAsync(
                        (event, error) -> {
                            if (!running) {
                                return;
                            }
                            if (error != null) {
                                getExceptionHandler()
                                        .handleException(
                                                "Scope session " + session + " failed", Failures.unwrap(error));
                                return;
                            }
                            if (event == null) {
                                LOG.info("Scope session {}: the events stream ended", session);
                                return;
                            }
                            deliver(scope, event);
                        },
                        current);
    }

    private void deliver(ScopeSession scope, JsonNode event) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setHeader(LivepeerConstants.SESSION, session);
        exchange.getMessage().setHeader(LivepeerConstants.MANIFEST_ID, scope.manifestId());
        exchange.getMessage()
                .setHeader(
                        LivepeerConstants.ORCHESTRATOR_USED,
                        scope.orchestrator().authority());
        exchange.getMessage().setBody(JSON.convertValue(event, Map.class));
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler()
                        .handleException("processing a Scope event failed", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
            ExecutorService current = executor;
            if (running && current != null) {
                try {
                    current.execute(() -> next(scope));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // the consumer is stopping: nothing more to deliver
                }
            }
        });
    }
}
