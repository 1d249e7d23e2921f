package org.livepeer.simulator.signer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Discovery answers in go-livepeer's webhook format,
 * {@code [{"address":…,"score":1,"capabilities":[…]}]}, filtered by {@code caps} with go's
 * semantics: an orchestrator is listed when it offers any one of them, each address once.
 */
final class DiscoveryListing {

    /** go-livepeer reports every orchestrator with the legacy "trusted" score, encoded as 1. */
    static final int SCORE = 1;

    private final Supplier<List<DiscoveryEntry>> source;

    DiscoveryListing(Supplier<List<DiscoveryEntry>> source) {
        this.source = source;
    }

    /** The current entries, or null while there are none. */
    List<DiscoveryEntry> current() {
        List<DiscoveryEntry> entries = source.get();
        return entries == null || entries.isEmpty() ? null : entries;
    }

    static List<Map<String, Object>> render(List<DiscoveryEntry> entries, List<String> caps) {
        List<String> wanted = caps.stream().filter(c -> !c.isEmpty()).toList();
        Set<String> seen = new LinkedHashSet<>();
        List<DiscoveryEntry> selected = new ArrayList<>();
        if (wanted.isEmpty()) {
            selected.addAll(entries);
        } else {
            for (String capability : wanted) {
                for (DiscoveryEntry entry : entries) {
                    if (entry.capabilities().contains(capability) && seen.add(entry.address())) {
                        selected.add(entry);
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (DiscoveryEntry entry : selected) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("address", entry.address());
            item.put("score", SCORE);
            if (!entry.capabilities().isEmpty()) {
                item.put("capabilities", entry.capabilities().stream().sorted().toList());
            }
            if (!entry.runners().isEmpty()) {
                item.put("runners", entry.runners());
            }
            out.add(item);
        }
        return out;
    }
}
