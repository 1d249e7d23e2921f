package org.livepeer.camel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.apps.ScopeSession;

/**
 * Sends each exchange's body (JSON text or a Map) to a Scope session as a control message. The
 * session ({@code session=}) starts with the route and is closed when the last endpoint naming it
 * stops.
 */
public class ScopeProducer extends DefaultAsyncProducer {

    private final LivepeerEndpoint endpoint;
    private String name;
    private CompletableFuture<ScopeSession> session;
    private ExecutorService continuation;

    public ScopeProducer(LivepeerEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        super.doStart();
        name = ScopeEndpoints.validate(endpoint);
        continuation = endpoint.getCamelContext()
                .getExecutorServiceManager()
                .newDefaultThreadPool(this, "LivepeerScopeProducer");
        session = endpoint.getComponent().acquireScopeSession(name, endpoint, endpoint.networkSettings());
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (session != null) {
            endpoint.getComponent().releaseScopeSession(name);
            session = null;
        }
        if (continuation != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(continuation);
            continuation = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Map<String, Object> params;
        try {
            params = params(exchange.getMessage().getBody());
        } catch (RuntimeException e) {
            exchange.setException(RouteErrors.typed(e));
            callback.done(true);
            return true;
        }
        current()
                .thenCompose(open -> open.control(params).thenApply(published -> open))
                .whenCompleteAsync(
                        (open, error) -> {
                            if (error != null) {
                                exchange.setException(RouteErrors.typed(error));
                            } else {
                                exchange.getMessage().setHeader(LivepeerConstants.MANIFEST_ID, open.manifestId());
                                exchange.getMessage()
                                        .setHeader(
                                                LivepeerConstants.ORCHESTRATOR_USED,
                                                open.orchestrator().authority());
                            }
                            callback.done(false);
                        },
                        continuation);
        return false;
    }

    /** The session; one that failed to start is started again (its failure reached earlier exchanges). */
    private synchronized CompletableFuture<ScopeSession> current() {
        if (session != null && session.isCompletedExceptionally()) {
            endpoint.getComponent().releaseScopeSession(name);
            session = endpoint.getComponent().acquireScopeSession(name, endpoint, endpoint.networkSettings());
        }
        return session;
    }

    private static Map<String, Object> params(Object body) {
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> params = new LinkedHashMap<>();
            map.forEach((k, v) -> params.put(String.valueOf(k), v));
            return params;
        }
        if (body instanceof String text) {
            return RequestBodies.parseBody(text);
        }
        throw new ConfigurationException(
                "body",
                "a Scope control message must be JSON text or a Map, not "
                        + (body == null ? "null" : body.getClass().getName()));
    }
}
