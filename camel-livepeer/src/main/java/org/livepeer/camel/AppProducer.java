package org.livepeer.camel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.apps.AppRequest;
import org.livepeer.gateway.apps.AppResponse;
import org.livepeer.gateway.apps.AppSession;
import org.livepeer.gateway.apps.LiveApps;

/**
 * Sends each exchange to a Live Runner app as one HTTP request and puts the answer back: through the
 * named persistent session ({@code session=}, opened when the route starts and stopped when it
 * stops, shared with other endpoints naming it), or as a single-shot call. The answer's body streams
 * (an event stream as an iterator of events, for {@code split().streaming()}) and is closed when the
 * exchange completes.
 */
public class AppProducer extends DefaultAsyncProducer {

    private static final int MAX_APPS = 64;

    private final LivepeerEndpoint endpoint;
    /** One apps client per gateway, so runner listings are reused between calls. */
    private final Map<LivepeerGateway, LiveApps> apps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LivepeerGateway, LiveApps> eldest) {
            return size() > MAX_APPS;
        }
    };

    private NetworkSettings network;
    private CompletableFuture<AppSession> session;
    private ExecutorService continuation;

    public AppProducer(LivepeerEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AppEndpoints.validate(endpoint);
        network = endpoint.networkSettings();
        continuation = endpoint.getCamelContext()
                .getExecutorServiceManager()
                .newDefaultThreadPool(this, "LivepeerAppProducer");
        String name = endpoint.getConfiguration().getSession();
        if (name != null && !name.isBlank()) {
            session = endpoint.getComponent().acquireAppSession(name, endpoint, network);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (session != null) {
            endpoint.getComponent()
                    .releaseAppSession(endpoint.getConfiguration().getSession());
            session = null;
        }
        synchronized (apps) {
            apps.clear();
        }
        if (continuation != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(continuation);
            continuation = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<AppResponse> answer;
        try {
            AppRequest request = AppMessages.request(exchange, endpoint.getConfiguration());
            CompletableFuture<AppSession> session = currentSession();
            answer = session != null ? session.thenCompose(open -> call(exchange, open, request)) : singleShot(request);
        } catch (RuntimeException e) {
            exchange.setException(RouteErrors.typed(e));
            callback.done(true);
            return true;
        }
        answer.whenCompleteAsync(
                (response, error) -> {
                    if (error != null) {
                        exchange.setException(RouteErrors.typed(error));
                    } else {
                        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                            @Override
                            public void onDone(Exchange done) {
                                response.close();
                            }
                        });
                        AppMessages.response(exchange.getMessage(), response);
                    }
                    callback.done(false);
                },
                continuation);
        return false;
    }

    /** The named session; one that failed to open is opened again (its failure reached earlier exchanges). */
    private synchronized CompletableFuture<AppSession> currentSession() {
        if (session != null && session.isCompletedExceptionally()) {
            String name = endpoint.getConfiguration().getSession();
            endpoint.getComponent().releaseAppSession(name);
            session = endpoint.getComponent().acquireAppSession(name, endpoint, network);
        }
        return session;
    }

    private static CompletableFuture<AppResponse> call(Exchange exchange, AppSession open, AppRequest request) {
        exchange.getMessage().setHeader(LivepeerConstants.APP_SESSION_ID, open.id());
        return open.call(request);
    }

    private CompletableFuture<AppResponse> singleShot(AppRequest request) {
        GatewayPool.Lease<LivepeerGateway> gateway = endpoint.getComponent().gateway(network);
        try {
            LiveApps client;
            synchronized (apps) {
                client = apps.computeIfAbsent(
                        gateway.value(), g -> new LiveApps(g, AppEndpoints.settings(endpoint.getConfiguration())));
            }
            return client.call(AppEndpoints.query(endpoint, network), request)
                    .whenComplete((response, error) -> gateway.close());
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }
}
