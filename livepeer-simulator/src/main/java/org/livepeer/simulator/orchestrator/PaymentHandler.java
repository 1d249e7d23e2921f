package org.livepeer.simulator.orchestrator;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.PaymentResult;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /payment}: credits a live session's tickets to the manifest id of its segment
 * credentials and answers with a serialized {@link PaymentResult} holding fresh orchestrator info
 * (new ticket parameters, the session's auth token kept).
 */
final class PaymentHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentHandler.class);

    private final String name;
    private final PaymentProcessor payments;
    private final OrchestratorInfoFactory infoFactory;

    PaymentHandler(String name, PaymentProcessor payments, OrchestratorInfoFactory infoFactory) {
        this.name = name;
        this.payments = payments;
        this.infoFactory = infoFactory;
    }

    HttpHandler handler() {
        return HttpHandler.buffered(64 * 1024, (call, body) -> handle(call));
    }

    private void handle(HttpCall call) {
        try {
            PaymentProcessor.PaymentHeaders headers = payments.readHeaders(call.headers());
            String manifestId = headers.segData().getManifestId().toStringUtf8();
            OrchestratorInfo info = infoFactory.forSession(
                    headers.segData().hasCapabilities() ? headers.segData().getCapabilities() : null,
                    headers.segData().getAuthToken());
            payments.process(headers, manifestId);
            LOG.info("{}: payment for manifest {} accepted", name, manifestId);
            call.respond(
                    HttpResponseStatus.OK,
                    "application/octet-stream",
                    PaymentResult.newBuilder().setInfo(info).build().toByteArray(),
                    null);
        } catch (OrchestratorError e) {
            LOG.info("{}: payment refused ({}): {}", name, e.status(), e.getMessage());
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        }
    }
}
