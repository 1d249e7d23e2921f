package org.livepeer.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.gateway.payment.PaymentSession;
import org.livepeer.gateway.payment.PaymentType;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;

/** The plain-Java example of docs/java-api.md; the lines between the markers appear there verbatim. */
final class JavaApiExample {

    private JavaApiExample() {}

    /** Generates one image on the network described by {@code token}; returns the reply's JSON. */
    static JsonNode generateImage(String token) throws Exception {
        // docs:start
        GatewayConfig config = GatewayConfig.builder().token(token).build();
        try (LivepeerGateway gateway = LivepeerGateway.builder(config).build()) {
            // 1. select: probe the orchestrators in parallel, take the best that offers the model
            OrchestratorSession orchestrator = gateway.select(
                            SelectionRequest.of(Pipeline.TEXT_TO_IMAGE, "ByteDance/SDXL-Lightning"))
                    .join();

            // 2. pay: the remote signer makes the tickets for 512 x 512 pixels
            PaymentSession payments = gateway.paymentSession(orchestrator, PaymentType.PER_PIXEL);
            PaymentHeaders paid = payments.headers(512 * 512).join();

            // 3. call: POST the request to the orchestrator with the payment headers
            HttpResponse reply = gateway.transport()
                    .send(HttpRequest.post(orchestrator.transcoderUrl() + "/text-to-image")
                            .sslContext(gateway.orchestratorTls())
                            .header("Authorization", "Livepeer-AI-Worker-1.0")
                            .header(PaymentHeaders.PAYMENT, paid.payment())
                            .header(PaymentHeaders.SEGMENT, paid.segment())
                            .header("Content-Type", "application/json")
                            .body("{\"model_id\":\"ByteDance/SDXL-Lightning\",\"prompt\":\"a lighthouse at dawn\"}")
                            .build())
                    .join();
            System.out.println(reply.status() + " " + reply.bodyAsString());
            // docs:end
            return new ObjectMapper().readTree(reply.body());
        }
    }
}
