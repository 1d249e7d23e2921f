package org.livepeer.gateway.live;

import static org.livepeer.gateway.Failures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a live job: selects an orchestrator for live-video-to-video and the model, makes the
 * initial payment, and {@code POST}s {@code /live-video-to-video}. A retryable failure moves on to
 * another orchestrator, up to the settings' limit.
 */
final class LiveJobStarter {

    private static final Logger LOG = LoggerFactory.getLogger(LiveJobStarter.class);
    /** The protocol version go-livepeer's gateway names in {@code Authorization} on AI requests. */
    private static final String AI_WORKER_PROTOCOL = "Livepeer-AI-Worker-1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A started job on one orchestrator. */
    record Started(OrchestratorSession orchestrator, PaymentSession payments, LiveChannels channels) {}

    private final LivepeerGateway gateway;
    private final LiveJobSettings settings;

    LiveJobStarter(LivepeerGateway gateway, LiveJobSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    CompletableFuture<Started> start(LiveJobRequest request, Collection<OrchestratorAddress> avoid) {
        return attempt(request, new ArrayList<>(avoid), 1);
    }

    private CompletableFuture<Started> attempt(LiveJobRequest request, List<OrchestratorAddress> tried, int attempt) {
        SelectionRequest selection = SelectionRequest.of(Pipeline.LIVE_VIDEO_TO_VIDEO, request.modelId());
        return gateway.select(selection, tried)
                .thenCompose(orchestrator -> startOn(orchestrator, request).exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    boolean retryable = !(cause instanceof LivepeerException le) || le.isRetryable();
                    gateway.reportFailure(orchestrator.address(), cause.getMessage());
                    tried.add(orchestrator.address());
                    if (retryable && attempt < settings.maxStartAttempts()) {
                        LOG.warn(
                                "live job could not start on {}: {}; trying another orchestrator",
                                orchestrator.address(),
                                cause.getMessage());
                        return attempt(request, tried, attempt + 1);
                    }
                    return CompletableFuture.failedFuture(cause);
                }));
    }

    private CompletableFuture<Started> startOn(OrchestratorSession orchestrator, LiveJobRequest request) {
        PaymentSession payments = gateway.paymentSession(orchestrator, PaymentType.LV2V);
        return payments.headers(0)
                .thenCompose(headers -> post(orchestrator, headers, request))
                .thenApply(channels -> {
                    payments.manifestId(channels.manifestId());
                    LOG.info(
                            "live job {} started on {} (model {})",
                            channels.manifestId(),
                            orchestrator.address(),
                            request.modelId());
                    return new Started(orchestrator, payments, channels);
                });
    }

    private CompletableFuture<LiveChannels> post(
            OrchestratorSession orchestrator, PaymentHeaders headers, LiveJobRequest request) {
        String url = orchestrator.transcoderUrl() + "/live-video-to-video";
        ObjectNode body = JSON.createObjectNode();
        body.put("model_id", request.modelId());
        body.set("params", JSON.valueToTree(request.params()));
        if (request.requestId() != null) {
            body.put("gateway_request_id", request.requestId());
        }
        if (request.streamId() != null) {
            body.put("stream_id", request.streamId());
        }
        HttpRequest.Builder http = HttpRequest.post(url)
                .header("Content-Type", "application/json")
                .header("Authorization", AI_WORKER_PROTOCOL)
                .header(PaymentHeaders.SEGMENT, headers == null ? "" : headers.segment())
                .header(PaymentHeaders.PAYMENT, headers == null ? "" : headers.payment())
                .responseTimeout(settings.requestTimeout())
                .body(body.toString());
        if (url.startsWith("https:")) {
            http.sslContext(gateway.orchestratorTls());
        }
        String orchestratorName = orchestrator.address().authority();
        return gateway.transport().send(http.build()).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(new OrchestratorException(
                        orchestratorName,
                        "POST " + url + " failed: " + unwrap(error).getMessage(),
                        true,
                        unwrap(error)));
            }
            if (response.status() != 200) {
                String message = response.bodyAsString().trim();
                boolean retryable = response.status() >= 500
                        || response.status() == 402
                        || response.status() == 403
                        || message.contains("TicketParams expired")
                        || message.toLowerCase().contains("sendernonce");
                throw new CompletionException(new OrchestratorException(
                        orchestratorName,
                        response.status(),
                        "POST " + url + " answered " + response.status() + ": " + message,
                        retryable,
                        null));
            }
            try {
                JsonNode reply = JSON.readTree(response.body());
                return LiveChannels.parse(orchestratorName, reply);
            } catch (java.io.IOException e) {
                throw new CompletionException(
                        new OrchestratorException(orchestratorName, "unreadable /live-video-to-video reply", true, e));
            }
        });
    }
}
