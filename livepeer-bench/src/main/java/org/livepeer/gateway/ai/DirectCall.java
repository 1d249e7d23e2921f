package org.livepeer.gateway.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.http.HttpRequest;

/**
 * The batch benchmark's baseline: the one HTTP request a batch call makes to the orchestrator, with
 * the same body and headers {@link BatchClient} sends, built outside it (this class sits in the
 * library's package only to reuse its request encoding).
 */
public final class DirectCall {

    private final PreparedRequest prepared;

    public DirectCall(AiRequest<?> request) {
        this.prepared = new RequestEncoder(new ObjectMapper()).prepare(request);
        if (prepared.isUpload()) {
            throw new IllegalArgumentException("a direct call takes a JSON request, not an upload");
        }
    }

    /** The units the request pays for. */
    public long units() {
        return prepared.units();
    }

    public HttpRequest request(String transcoderUrl, PaymentHeaders paid, SslContext tls) {
        HttpRequest.Builder builder = HttpRequest.post(
                        transcoderUrl + "/" + prepared.pipeline().pipelineName())
                .header("Content-Type", prepared.contentType())
                .header("Authorization", OrchestratorCall.AI_WORKER_PROTOCOL)
                .header(PaymentHeaders.PAYMENT, paid.payment())
                .header(PaymentHeaders.SEGMENT, paid.segment())
                .body(prepared.body());
        if (transcoderUrl.startsWith("https:")) {
            builder.sslContext(tls);
        }
        return builder.build();
    }
}
