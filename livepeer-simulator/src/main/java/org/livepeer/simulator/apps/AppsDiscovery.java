package org.livepeer.simulator.apps;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.orchestrator.AppPayments;

/**
 * {@code GET /discovery}: the orchestrator's address and its ready runners, each with its proxy
 * URL (never the app's own), mode, capacity and, on-chain, its price in wei. An orchestrator without
 * runners answers 404, as go-livepeer does when live runners are not enabled.
 */
final class AppsDiscovery {

    private final SimApps apps;
    private final AppPayments payments;

    AppsDiscovery(SimApps apps, AppPayments payments) {
        this.apps = apps;
        this.payments = payments;
    }

    HttpHandler handler() {
        return call -> {
            if (!apps.hasRunners()) {
                call.respondText(HttpResponseStatus.NOT_FOUND, "live runners are not supported");
                return BodyConsumer.IGNORE;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", payments.serviceUrl());
            List<Map<String, Object>> runners = records();
            if (!runners.isEmpty()) {
                entry.put("runners", runners);
            }
            call.respondJson(HttpResponseStatus.OK, List.of(entry));
            return BodyConsumer.IGNORE;
        };
    }

    /** The runner records, in go-livepeer's field order. */
    List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Runner runner : apps.runnersNow()) {
            if (!runner.isReady()) {
                continue;
            }
            RunnerConfig config = runner.config();
            String base = payments.serviceUrl() + "/apps/" + config.route();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("url", config.mode() == RunnerMode.SINGLE_SHOT ? base + "/app" : base + "/session");
            record.put("app", config.app());
            if (!config.version().isEmpty()) {
                record.put("version", config.version());
            }
            if (!config.metadata().isEmpty()) {
                record.put("metadata", config.metadata());
            }
            record.put("mode", config.mode().wireName());
            int capacity = runner.capacity();
            int used = runner.used();
            record.put("capacity", capacity);
            record.put("capacity_used", used);
            record.put("capacity_available", Math.max(0, capacity - used));
            if (!payments.offchain() && config.price() != null) {
                Map<String, Object> price = new LinkedHashMap<>();
                price.put("price", config.price().wei());
                price.put("currency", "wei");
                price.put("unit", config.price().unit());
                record.put("price_info", price);
            }
            records.add(record);
        }
        return records;
    }
}
