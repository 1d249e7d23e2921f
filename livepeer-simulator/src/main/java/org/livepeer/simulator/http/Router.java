package org.livepeer.simulator.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** Maps method and path to a handler; the first route added that matches wins. */
public final class Router {

    private record Route(String method, Predicate<String> path, HttpHandler handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final LongAdder counted = new LongAdder();
    private volatile Predicate<String> counting = path -> true;

    /** Which request paths {@link #requestsCounted()} counts (default: all that found a handler). */
    public Router countRequests(Predicate<String> paths) {
        this.counting = paths;
        return this;
    }

    /** Requests routed to a handler whose path {@link #countRequests counts}. */
    public long requestsCounted() {
        return counted.sum();
    }

    /** {@code method} null matches any method. */
    public Router exact(String method, String path, HttpHandler handler) {
        routes.add(new Route(method, path::equals, handler));
        return this;
    }

    public Router prefix(String method, String pathPrefix, HttpHandler handler) {
        routes.add(new Route(method, p -> p.startsWith(pathPrefix), handler));
        return this;
    }

    /** The handler for the request, or null; {@code methodMismatch[0]} is set when only the method differed. */
    HttpHandler find(String method, String path, boolean[] methodMismatch) {
        for (Route route : routes) {
            if (route.path.test(path)) {
                if (route.method == null || route.method.equalsIgnoreCase(method)) {
                    if (counting.test(path)) {
                        counted.increment();
                    }
                    return route.handler;
                }
                methodMismatch[0] = true;
            }
        }
        return null;
    }
}
