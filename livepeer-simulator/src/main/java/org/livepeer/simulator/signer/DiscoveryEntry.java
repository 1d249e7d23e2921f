package org.livepeer.simulator.signer;

import java.util.List;
import java.util.Map;

/**
 * One orchestrator as discovery lists it.
 *
 * @param address      its service URL, e.g. {@code https://127.0.0.1:8935}
 * @param capabilities what it offers, as {@code pipeline/model} (e.g. {@code text-to-image/sdxl}),
 *     and the apps of its listed runners
 * @param runners      its live runner records as its {@code GET /discovery} gives them (only those
 *     with a url, an app and a price)
 */
public record DiscoveryEntry(String address, List<String> capabilities, List<Map<String, Object>> runners) {

    public DiscoveryEntry {
        capabilities = List.copyOf(capabilities);
        runners = List.copyOf(runners);
    }

    public DiscoveryEntry(String address, List<String> capabilities) {
        this(address, capabilities, List.of());
    }
}
