package org.livepeer.simulator.signer;

import java.util.List;

/**
 * One orchestrator as discovery lists it.
 *
 * @param address      its service URL, e.g. {@code https://127.0.0.1:8935}
 * @param capabilities what it offers, as {@code pipeline/model} (e.g. {@code text-to-image/sdxl})
 */
public record DiscoveryEntry(String address, List<String> capabilities) {

    public DiscoveryEntry {
        capabilities = List.copyOf(capabilities);
    }
}
