package org.livepeer.simulator.apps;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livepeer.proto.PaymentResult;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.livepeer.simulator.orchestrator.AppPayments;
import org.livepeer.simulator.orchestrator.OrchestratorError;

/**
 * The client routes under {@code /apps/{route}}: {@code POST session}, {@code POST
 * session/{id}/stop}, {@code POST session/{id}/payment}, {@code ANY session/{id}/app/...} (the
 * session's proxy) and {@code ANY app/...} (single-shot).
 */
final class AppsRoutes implements HttpHandler {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SimApps apps;
    private final Reservations reservations;
    private final AppPayments payments;

    AppsRoutes(SimApps apps, Reservations reservations, AppPayments payments) {
        this.apps = apps;
        this.reservations = reservations;
        this.payments = payments;
    }

    @Override
    public BodyConsumer onRequest(HttpCall call) {
        String[] parts = call.path().substring("/apps/".length()).split("/", -1);
        String route = parts[0];
        if (parts.length >= 2 && parts[1].equals("session")) {
            if (parts.length == 2) {
                return post(call, c -> reserve(c, route));
            }
            String sessionId = parts[2];
            if (parts.length == 4 && parts[3].equals("stop")) {
                return post(call, c -> stop(c, route, sessionId));
            }
            if (parts.length == 4 && parts[3].equals("payment")) {
                return post(call, c -> payment(c, route, sessionId));
            }
            if (parts.length >= 4 && parts[3].equals("app")) {
                return proxySession(call, route, sessionId, appPath(call, 4));
            }
        } else if (parts.length >= 2 && parts[1].equals("app")) {
            return singleShot(call, route, appPath(call, 2));
        }
        call.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
        return BodyConsumer.IGNORE;
    }

    private static BodyConsumer post(HttpCall call, java.util.function.Consumer<HttpCall> handler) {
        if (!call.method().equals("POST")) {
            call.respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
            return BodyConsumer.IGNORE;
        }
        return HttpHandler.buffered(MAX_BODY_BYTES, (c, body) -> handler.accept(c))
                .onRequest(call);
    }

    private void reserve(HttpCall call, String route) {
        Runner runner = readyRunner(call, route);
        if (runner == null) {
            return;
        }
        if (runner.config().mode() != RunnerMode.PERSISTENT) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "only persistent runners have sessions");
            return;
        }
        AppSession session = reservations.reserve(call, runner);
        if (session == null) {
            return;
        }
        String controlUrl = controlUrl(route, session.id());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("session_id", session.id());
        body.put("app_url", controlUrl + "/app");
        body.put("control_url", controlUrl);
        call.respondJson(HttpResponseStatus.OK, body);
    }

    private void stop(HttpCall call, String route, String sessionId) {
        Runner runner = readyRunner(call, route);
        if (runner == null) {
            return;
        }
        if (!apps.release(runner, sessionId, "stopped by the client")) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "runner session not found");
            return;
        }
        call.respondEmpty(HttpResponseStatus.NO_CONTENT, null);
    }

    private void payment(HttpCall call, String route, String sessionId) {
        Runner runner = readyRunner(call, route);
        if (runner == null) {
            return;
        }
        AppSession session = runner.session(sessionId);
        if (session == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "runner session not found");
            return;
        }
        if (session.isFixed()) {
            call.respondText(
                    HttpResponseStatus.CONFLICT, "fixed-price live runner sessions do not accept follow-up payments");
            return;
        }
        try {
            AppPayments.Paid paid = payments.read(call.headers());
            if (!paid.manifestId().equals(sessionId)) {
                throw new OrchestratorError(403, "mismatched session and payment manifest");
            }
            var info = payments.paymentResultInfo(paid);
            try {
                payments.credit(paid);
            } catch (OrchestratorError e) {
                throw new OrchestratorError(400, e.getMessage());
            }
            session.paymentAccepted();
            call.respond(
                    HttpResponseStatus.OK,
                    "application/octet-stream",
                    PaymentResult.newBuilder().setInfo(info).build().toByteArray(),
                    null);
        } catch (OrchestratorError e) {
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        }
    }

    private BodyConsumer proxySession(HttpCall call, String route, String sessionId, String appPath) {
        Runner runner = readyRunner(call, route);
        if (runner == null) {
            return BodyConsumer.IGNORE;
        }
        AppSession session = runner.session(sessionId);
        if (session == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "runner session not found");
            return BodyConsumer.IGNORE;
        }
        return proxy(call, runner, session, appPath, () -> {});
    }

    private BodyConsumer singleShot(HttpCall call, String route, String appPath) {
        Runner runner = readyRunner(call, route);
        if (runner == null) {
            return BodyConsumer.IGNORE;
        }
        if (runner.config().mode() != RunnerMode.SINGLE_SHOT) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "runner is not single-shot");
            return BodyConsumer.IGNORE;
        }
        AppSession session = reservations.reserve(call, runner);
        if (session == null) {
            return BodyConsumer.IGNORE;
        }
        // a per-second single-shot whose balance runs out is cut off, as go cancels its request
        session.onClose(() -> {
            if (Reservations.INSUFFICIENT_BALANCE.equals(session.closeReason())) {
                call.abort();
            }
        });
        return proxy(call, runner, session, appPath, () -> apps.release(runner, session.id(), "request finished"));
    }

    private BodyConsumer proxy(HttpCall call, Runner runner, AppSession session, String appPath, Runnable onDone) {
        URI target = URI.create(runner.url());
        String basePath = target.getRawPath() == null ? "" : target.getRawPath();
        String path = joinPath(basePath, appPath);
        String query = call.rawQuery();
        Map<String, String> injected = new LinkedHashMap<>();
        injected.put("Livepeer-Runner-Route", runner.route());
        injected.put("Livepeer-Session-Id", session.id());
        injected.put("Livepeer-Session-Token", session.token());
        injected.put(
                "Livepeer-Session-Control",
                payments.serviceUrl() + "/runner/" + runner.route() + "/session/" + session.id());
        return new ProxyExchange(call, target, query.isEmpty() ? path : path + "?" + query, injected, onDone).start();
    }

    private Runner readyRunner(HttpCall call, String route) {
        Runner runner = apps.runner(route).filter(Runner::isReady).orElse(null);
        if (runner == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "runner not found");
        }
        return runner;
    }

    private String controlUrl(String route, String sessionId) {
        return payments.serviceUrl() + "/apps/" + route + "/session/" + sessionId;
    }

    /** The raw path after the first {@code skip} segments that follow {@code /apps/}, without the query. */
    private static String appPath(HttpCall call, int skip) {
        String raw = call.rawUri();
        int question = raw.indexOf('?');
        String path = question < 0 ? raw : raw.substring(0, question);
        int index = path.indexOf("/apps/") + "/apps/".length();
        for (int i = 0; i < skip && index >= 0; i++) {
            int slash = path.indexOf('/', index);
            index = slash < 0 ? -1 : slash + 1;
        }
        return index < 0 ? "" : path.substring(index);
    }

    /** go's url.JoinPath("/", base, app): one slash between the parts, the app's trailing slash kept. */
    static String joinPath(String base, String appPath) {
        String left = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String right = appPath.startsWith("/") ? appPath.substring(1) : appPath;
        String joined = left + "/" + right;
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
