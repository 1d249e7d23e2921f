package org.livepeer.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.livepeer.gateway.live.LiveJobStats;

/**
 * The {@code livepeer} dev console: per {@code livepeer} component in the context, its gateways,
 * request totals and live sessions with their statistics (segments, bytes, payments, wei paid,
 * recoveries, last error). Never shows a secret.
 */
@DevConsole(name = "livepeer", displayName = "Livepeer", description = "Livepeer gateways and live sessions")
public class LivepeerDevConsole extends AbstractDevConsole {

    public LivepeerDevConsole() {
        super("camel", "livepeer", "Livepeer", "Livepeer gateways and live sessions");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, LivepeerComponent> entry : components().entrySet()) {
            LivepeerComponent component = entry.getValue();
            text.append("Component: ").append(entry.getKey()).append('\n');
            text.append("    Gateways: ")
                    .append(component.getGatewayCount())
                    .append(" (")
                    .append(component.getGatewaysInUse())
                    .append(" in use, at most ")
                    .append(component.getMaxGateways())
                    .append(")\n");
            text.append("    Batch requests: ")
                    .append(component.getBatchRequests())
                    .append(" (")
                    .append(component.getBatchFailures())
                    .append(" failed)\n");
            text.append("    Live messages: ")
                    .append(component.getLiveMessages())
                    .append(" (")
                    .append(component.getLiveFailures())
                    .append(" failed)\n");
            for (String session : component.getLiveSessionNames()) {
                text.append("    Live session ").append(session).append(": ");
                text.append(component
                        .liveSessionStats(session)
                        .map(LivepeerDevConsole::describe)
                        .orElse("starting"));
                text.append('\n');
            }
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<Object> list = new ArrayList<>();
        for (Map.Entry<String, LivepeerComponent> entry : components().entrySet()) {
            LivepeerComponent component = entry.getValue();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", entry.getKey());
            json.put("gateways", component.getGatewayCount());
            json.put("gatewaysInUse", component.getGatewaysInUse());
            json.put("maxGateways", component.getMaxGateways());
            json.put("batchRequests", component.getBatchRequests());
            json.put("batchFailures", component.getBatchFailures());
            json.put("liveMessages", component.getLiveMessages());
            json.put("liveFailures", component.getLiveFailures());
            List<Object> sessions = new ArrayList<>();
            for (String session : component.getLiveSessionNames()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", session);
                component
                        .liveSessionStats(session)
                        .ifPresentOrElse(stats -> s.putAll(toJson(stats)), () -> s.put("state", "starting"));
                sessions.add(s);
            }
            json.put("liveSessions", sessions);
            list.add(json);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("components", list);
        return root;
    }

    private Map<String, LivepeerComponent> components() {
        Map<String, LivepeerComponent> found = new LinkedHashMap<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (component instanceof LivepeerComponent livepeer) {
                found.put(name, livepeer);
            }
        }
        return found;
    }

    private static String describe(LiveJobStats stats) {
        return "manifest " + stats.manifestId() + " on " + stats.orchestrator() + ", segments in "
                + stats.segmentsIn() + " (" + stats.bytesIn() + " bytes), out " + stats.segmentsOut()
                + ", control " + stats.controlMessages() + ", payments " + stats.payments() + " ("
                + stats.paidWei().toBigInteger() + " wei), recoveries " + stats.recoveries()
                + (stats.lastError() == null ? "" : ", last error: " + stats.lastError());
    }

    private static Map<String, Object> toJson(LiveJobStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", "running");
        json.put("manifestId", stats.manifestId());
        json.put("orchestrator", stats.orchestrator());
        json.put("segmentsIn", stats.segmentsIn());
        json.put("bytesIn", stats.bytesIn());
        json.put("segmentsOut", stats.segmentsOut());
        json.put("controlMessages", stats.controlMessages());
        json.put("payments", stats.payments());
        json.put("paidWei", stats.paidWei().toBigInteger().toString());
        json.put("recoveries", stats.recoveries());
        if (stats.lastError() != null) {
            json.put("lastError", stats.lastError());
        }
        return json;
    }
}
