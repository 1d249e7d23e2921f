package org.livepeer.http;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to one {@link PoolKey}: at most {@code maxConnections} open at once
 * (connecting, in use or idle), idle ones reused most recent first and closed after the idle
 * timeout. A request that finds the limit reached waits for a connection up to the connect timeout.
 */
final class ConnectionPool {

    private final PoolKey key;
    private final Connector connector;
    private final int maxConnections;
    private final long idleTimeoutNanos;
    private final Duration waitTimeout;

    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private boolean closed;

    private record Waiter(CompletableFuture<HttpConnection> future, String target) {}

    ConnectionPool(PoolKey key, Connector connector, TransportSettings settings) {
        this.key = key;
        this.connector = connector;
        this.maxConnections = settings.maxConnectionsPerTarget();
        this.idleTimeoutNanos = settings.idleConnectionTimeout().toNanos();
        this.waitTimeout = settings.connectTimeout();
    }

    /** A connection for {@code target} (method and URL, for error messages). */
    CompletableFuture<HttpConnection> acquire(String target) {
        return acquire(target, null);
    }

    /**
     * A connection for {@code target}; with an {@code affinity}, preferably one on that event loop:
     * an idle one on it, else any idle one (so the pool never grows for the sake of a loop), else a
     * new one on it.
     */
    CompletableFuture<HttpConnection> acquire(String target, EventLoop affinity) {
        CompletableFuture<HttpConnection> result = new CompletableFuture<>();
        HttpConnection reused = null;
        boolean connect = false;
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(closedError(target));
                return result;
            }
            reused = takeIdle(affinity);
            if (reused == null) {
                if (open < maxConnections) {
                    open++;
                    connect = true;
                } else {
                    waitForConnection(new Waiter(result, target));
                }
            }
        }
        if (reused != null) {
            result.complete(reused);
        } else if (connect) {
            connect(result, target, affinity);
        }
        return result;
    }

    /** A connection whose exchange completed cleanly: to a waiting request, or idle. */
    void release(HttpConnection connection) {
        while (true) {
            Waiter waiter;
            synchronized (this) {
                if (closed) {
                    connection.close();
                    return;
                }
                waiter = waiters.pollFirst();
                if (waiter == null) {
                    idle.addLast(connection);
                    connection.scheduleIdleClose(idleTimeoutNanos, () -> evictIdle(connection));
                    return;
                }
            }
            if (waiter.future.complete(connection)) {
                return;
            }
        }
    }

    /**
     * Called once for every connection this pool opened, when its channel has closed ({@code
     * connection} is null when the channel never got as far as its pipeline).
     */
    void closed(HttpConnection connection) {
        Waiter next;
        synchronized (this) {
            if (connection != null) {
                idle.remove(connection);
            }
            open--;
            next = closed ? null : waiters.pollFirst();
            if (next != null) {
                open++;
            }
        }
        if (next != null) {
            connect(next.future, next.target, null);
        }
    }

    synchronized int openConnections() {
        return open;
    }

    synchronized int idleConnections() {
        return idle.size();
    }

    /** Closes idle connections and fails waiting requests; connections in use are closed by their owner. */
    void close() {
        List<Waiter> failed;
        List<HttpConnection> idleNow;
        synchronized (this) {
            closed = true;
            failed = new ArrayList<>(waiters);
            waiters.clear();
            idleNow = new ArrayList<>(idle);
            idle.clear();
        }
        idleNow.forEach(HttpConnection::close);
        failed.forEach(waiter -> waiter.future.completeExceptionally(closedError(waiter.target)));
    }

    /**
     * The most recently used live idle connection; with an {@code affinity}, the most recent one on
     * that loop if there is one.
     */
    private HttpConnection takeIdle(EventLoop affinity) {
        if (affinity != null) {
            Iterator<HttpConnection> newestFirst = idle.descendingIterator();
            while (newestFirst.hasNext()) {
                HttpConnection connection = newestFirst.next();
                if (connection.eventLoop() == affinity) {
                    newestFirst.remove();
                    connection.cancelIdleClose();
                    if (connection.isActive()) {
                        return connection;
                    }
                }
            }
        }
        HttpConnection connection;
        while ((connection = idle.pollLast()) != null) {
            connection.cancelIdleClose();
            if (connection.isActive()) {
                return connection;
            }
        }
        return null;
    }

    private void waitForConnection(Waiter waiter) {
        waiters.addLast(waiter);
        ScheduledFuture<?> timeout = connector
                .scheduler()
                .schedule(
                        () -> {
                            synchronized (this) {
                                waiters.remove(waiter);
                            }
                            waiter.future.completeExceptionally(new TransportException(
                                    TransportException.Kind.CONNECT_TIMEOUT,
                                    waiter.target,
                                    "all " + maxConnections + " connections to " + key + " stayed busy for "
                                            + waitTimeout.toMillis() + " ms"));
                        },
                        waitTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        waiter.future.whenComplete((connection, error) -> timeout.cancel(false));
    }

    private void connect(CompletableFuture<HttpConnection> result, String target, EventLoop affinity) {
        connector.connect(key, this, target, affinity).whenComplete((connection, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (!result.complete(connection)) {
                release(connection);
            }
        });
    }

    private void evictIdle(HttpConnection connection) {
        boolean evicted;
        synchronized (this) {
            evicted = idle.remove(connection);
        }
        if (evicted) {
            connection.close();
        }
    }

    private static TransportException closedError(String target) {
        return new TransportException(TransportException.Kind.TRANSPORT_CLOSED, target, null);
    }
}
