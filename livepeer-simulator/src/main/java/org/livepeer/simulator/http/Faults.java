package org.livepeer.simulator.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fault rules of one server, tried in the order they were added; the first match applies. */
public final class Faults {

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    public FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    public void remove(FaultRule rule) {
        rules.remove(rule);
    }

    public void clear() {
        rules.clear();
    }

    FaultRule match(String method, String path) {
        for (FaultRule rule : rules) {
            if (rule.claim(method, path)) {
                if (rule.exhausted()) {
                    rules.remove(rule);
                }
                return rule;
            }
        }
        return null;
    }
}
