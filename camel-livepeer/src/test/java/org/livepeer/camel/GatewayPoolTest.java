package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayPoolTest {

    /** A value that records the thread it was closed on. */
    private static final class Value implements AutoCloseable {
        final String key;
        volatile String closedOn;

        Value(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            closedOn = Thread.currentThread().getName();
        }
    }

    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-closer"));
    private final List<Value> created = new CopyOnWriteArrayList<>();
    private final GatewayPool<String, Value> pool = new GatewayPool<>(
            2,
            "maxGateways",
            key -> {
                Value value = new Value(key);
                created.add(value);
                return value;
            },
            closer);

    @AfterEach
    void stop() {
        closer.shutdownNow();
    }

    @Test
    void equalKeysShareOneValue() {
        try (var a = pool.acquire("a");
                var again = pool.acquire("a")) {
            assertSame(a.value(), again.value());
            assertEquals(1, pool.size());
        }
    }

    @Test
    void theLeastRecentlyUsedIdleValueMakesRoomAndIsClosedOffTheCallersThread() throws Exception {
        pool.acquire("a").close();
        pool.acquire("b").close();

        pool.acquire("c").close();

        closer.submit(() -> {}).get(5, TimeUnit.SECONDS);
        assertEquals("test-closer", created.get(0).closedOn, "a was evicted and closed by the closer");
        assertEquals(null, created.get(1).closedOn);
        assertEquals(2, pool.size());
    }

    @Test
    void aValueInUseIsNeverClosedAndANewKeyIsRefusedNamingTheOption() {
        List<GatewayPool.Lease<Value>> leases = new ArrayList<>();
        leases.add(pool.acquire("a"));
        leases.add(pool.acquire("b"));

        IllegalStateException full = assertThrows(IllegalStateException.class, () -> pool.acquire("c"));

        assertTrue(full.getMessage().contains("maxGateways"), full.getMessage());
        assertTrue(created.stream().allMatch(v -> v.closedOn == null), "nothing in use was closed");
        leases.get(0).close();
        var c = pool.acquire("c");
        assertNotEquals("a", c.value().key);
        assertNotSame(created.get(0), c.value());
    }

    @Test
    void closingALeaseTwiceCountsOnce() {
        var first = pool.acquire("a");
        var second = pool.acquire("a");
        first.close();
        first.close();
        assertEquals(1, pool.inUse(), "the second lease still holds a");
        second.close();
        assertEquals(0, pool.inUse());
    }
}
