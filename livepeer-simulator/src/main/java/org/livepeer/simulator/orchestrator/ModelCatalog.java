package org.livepeer.simulator.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.livepeer.simulator.Capability;

/**
 * What one orchestrator offers and how busy it is: per pipeline and model, the price, the capacity
 * and the number of requests in progress. Prices and capacity can change at run time (fault
 * injection); changes apply to the next request.
 */
public final class ModelCatalog {

    private record Key(Capability capability, String modelId) {}

    private final Map<Key, ModelOffer> offers = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> inUse = new ConcurrentHashMap<>();

    public ModelCatalog(List<ModelOffer> initial) {
        initial.forEach(this::put);
    }

    public void put(ModelOffer offer) {
        Key key = new Key(offer.capability(), offer.modelId());
        offers.put(key, offer);
        inUse.computeIfAbsent(key, k -> new AtomicInteger());
    }

    public Optional<ModelOffer> find(Capability capability, String modelId) {
        return Optional.ofNullable(offers.get(new Key(capability, modelId)));
    }

    public List<ModelOffer> offers() {
        List<ModelOffer> all = new ArrayList<>(offers.values());
        all.sort((a, b) -> a.capabilityName().compareTo(b.capabilityName()));
        return all;
    }

    public int inUse(Capability capability, String modelId) {
        AtomicInteger count = inUse.get(new Key(capability, modelId));
        return count == null ? 0 : count.get();
    }

    /** Whether one more request fits, without taking it. */
    public boolean hasCapacity(Capability capability, String modelId) {
        ModelOffer offer = offers.get(new Key(capability, modelId));
        return offer != null && inUse(capability, modelId) < offer.capacity();
    }

    /** Takes one unit of capacity; false when the model is unknown or busy. */
    public boolean tryAcquire(Capability capability, String modelId) {
        Key key = new Key(capability, modelId);
        ModelOffer offer = offers.get(key);
        if (offer == null) {
            return false;
        }
        AtomicInteger count = inUse.get(key);
        while (true) {
            int now = count.get();
            if (now >= offer.capacity()) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release(Capability capability, String modelId) {
        AtomicInteger count = inUse.get(new Key(capability, modelId));
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }
}
