package org.livepeer.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.orchestrator.OrchestratorError;

/**
 * The runner's session callbacks under {@code /runner/{route}/session/{id}}, authorised by the
 * {@code Livepeer-Session-Token} the proxy gave it: {@code POST channels} creates trickle channels
 * named {@code <session>-<name>} (idempotent), {@code DELETE channels} closes them, {@code POST
 * stop} releases the session.
 */
final class RunnerCallbacks implements HttpHandler {

    static final int MAX_CHANNELS = 25;
    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final SimApps apps;

    RunnerCallbacks(SimApps apps) {
        this.apps = apps;
    }

    @Override
    public BodyConsumer onRequest(HttpCall call) {
        String[] parts = call.path().substring("/runner/".length()).split("/", -1);
        if (parts.length == 4 && parts[1].equals("session")) {
            String route = parts[0];
            String sessionId = parts[2];
            String action = parts[3];
            String method = call.method();
            if (action.equals("channels") && (method.equals("POST") || method.equals("DELETE"))) {
                return HttpHandler.buffered(64 * 1024, (c, body) -> channels(c, route, sessionId, body))
                        .onRequest(call);
            }
            if (action.equals("stop") && method.equals("POST")) {
                return HttpHandler.buffered(64 * 1024, (c, body) -> stop(c, route, sessionId))
                        .onRequest(call);
            }
            if (action.equals("channels") || action.equals("stop")) {
                call.respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
                return BodyConsumer.IGNORE;
            }
        }
        call.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
        return BodyConsumer.IGNORE;
    }

    private void stop(HttpCall call, String route, String sessionId) {
        try {
            Runner runner = authorised(call, route, sessionId);
            apps.release(runner, sessionId, "stopped by the runner");
            call.respondEmpty(HttpResponseStatus.NO_CONTENT, null);
        } catch (OrchestratorError e) {
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        }
    }

    private void channels(HttpCall call, String route, String sessionId, ByteBuf body) {
        try {
            Runner runner = authorised(call, route, sessionId);
            AppSession session = runner.session(sessionId);
            JsonNode request = HttpCall.JSON.readTree((InputStream) new ByteBufInputStream(body));
            JsonNode channels = request == null ? null : request.get("channels");
            if (channels == null || !channels.isArray() || channels.isEmpty()) {
                throw new OrchestratorError(400, "channels is required");
            }
            if (channels.size() > MAX_CHANNELS) {
                throw new OrchestratorError(400, "channels cannot contain more than " + MAX_CHANNELS + " entries");
            }
            if (call.method().equals("DELETE")) {
                delete(call, session, channels);
            } else {
                create(call, session, channels);
            }
        } catch (OrchestratorError e) {
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        } catch (java.io.IOException e) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private void create(HttpCall call, AppSession session, JsonNode channels) throws OrchestratorError {
        List<Map<String, String>> created = new ArrayList<>();
        for (JsonNode channel : channels) {
            String name = normalise(channel.path("name").asText(""));
            String mimeType = channel.path("mime_type").asText("").trim();
            if (mimeType.isEmpty()) {
                mimeType = "application/octet-stream";
            }
            String channelName = session.id() + "-" + name;
            String existing = session.channels().putIfAbsent(name, channelName);
            var trickleChannel = apps.trickle().channel(channelName);
            if (existing == null || trickleChannel.isEmpty()) {
                apps.trickle().createChannel(channelName, mimeType);
            } else {
                mimeType = trickleChannel.get().mimeType();
            }
            String url = apps.serviceUrl() + SimApps.TRICKLE_PATH + channelName;
            Map<String, String> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("channel_name", channelName);
            out.put("url", url);
            out.put("internal_url", url);
            out.put("mime_type", mimeType);
            created.add(out);
        }
        call.respondJson(HttpResponseStatus.OK, Map.of("channels", created));
    }

    private void delete(HttpCall call, AppSession session, JsonNode channels) throws OrchestratorError {
        List<String> deleted = new ArrayList<>();
        for (JsonNode channel : channels) {
            String name = normalise(channel.asText(""));
            String channelName = session.channels().remove(name);
            if (channelName == null) {
                throw new OrchestratorError(404, "trickle channel not found");
            }
            apps.trickle().closeChannel(channelName);
            deleted.add(channel.asText(""));
        }
        call.respondJson(HttpResponseStatus.OK, Map.of("deleted", deleted));
    }

    private Runner authorised(HttpCall call, String route, String sessionId) throws OrchestratorError {
        Runner runner = apps.runner(route).filter(Runner::isReady).orElse(null);
        if (runner == null) {
            throw new OrchestratorError(404, "runner not found");
        }
        if (runner.session(sessionId) == null) {
            throw new OrchestratorError(404, "runner session not found");
        }
        if (!runner.validToken(sessionId, call.header("Livepeer-Session-Token"))) {
            throw new OrchestratorError(401, "invalid authorization");
        }
        return runner;
    }

    private static String normalise(String name) throws OrchestratorError {
        String normalised = name.trim().replace('/', '-');
        if (normalised.isEmpty()) {
            throw new OrchestratorError(400, "trickle channel name is required");
        }
        if (!CHANNEL_NAME.matcher(normalised).matches()) {
            throw new OrchestratorError(
                    400, "trickle channel name may only contain alphanumerics, underscores, or hyphens");
        }
        return normalised;
    }
}
