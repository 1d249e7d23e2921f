package org.livepeer.camel;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared values by key (a gateway per network setting), counted while in use. At most {@code max}
 * exist: a new key evicts the least recently used value that nobody uses, closing it on the
 * {@code closer} executor so that the routing thread never waits for a close; when every value is
 * in use, the new key is refused instead of breaking what uses them.
 */
final class GatewayPool<K, V extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPool.class);

    /** One use of a value; closing it lets go. */
    interface Lease<V> extends AutoCloseable {
        V value();

        @Override
        void close();
    }

    private static final class Entry<V> {
        final V value;
        int users;

        Entry(V value) {
            this.value = value;
        }
    }

    private final int max;
    private final String option;
    private final Function<K, V> factory;
    private final Executor closer;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param option the configuration option that sets {@code max}, named when a key is refused
     */
    GatewayPool(int max, String option, Function<K, V> factory, Executor closer) {
        if (max < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + max);
        }
        this.max = max;
        this.option = option;
        this.factory = factory;
        this.closer = closer;
    }

    /** The value for {@code key}, created when needed; close the lease when done with it. */
    synchronized Lease<V> acquire(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= max && !evictOneIdle()) {
                throw new IllegalStateException("all " + max + " livepeer gateways (one per distinct network"
                        + " setting, such as a tenant's signer headers) are in use; raise " + option
                        + " or use fewer distinct settings at once");
            }
            entry = new Entry<>(factory.apply(key));
            entries.put(key, entry);
        }
        entry.users++;
        Entry<V> leased = entry;
        return new Lease<>() {
            private boolean released;

            @Override
            public V value() {
                return leased.value;
            }

            @Override
            public void close() {
                synchronized (GatewayPool.this) {
                    if (!released) {
                        released = true;
                        leased.users--;
                    }
                }
            }
        };
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized int inUse() {
        return (int) entries.values().stream().filter(e -> e.users > 0).count();
    }

    /** Closes every value now, in use or not (the component is stopping). */
    void closeAll() {
        List<V> all;
        synchronized (this) {
            all = entries.values().stream().map(e -> e.value).toList();
            entries.clear();
        }
        all.forEach(GatewayPool::closeQuietly);
    }

    private boolean evictOneIdle() {
        for (Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Entry<V>> eldest = it.next();
            if (eldest.getValue().users == 0) {
                it.remove();
                V value = eldest.getValue().value;
                closer.execute(() -> closeQuietly(value));
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable value) {
        try {
            value.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", value, e.getMessage(), e);
        }
    }
}
