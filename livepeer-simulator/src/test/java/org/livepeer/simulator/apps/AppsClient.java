package org.livepeer.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.TestHttp;

/** The client side of live runner apps and Scope, written plainly against the wire for tests. */
final class AppsClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = TestHttp.insecureClient();
    private final String signerUrl;

    AppsClient(String signerUrl) {
        this.signerUrl = signerUrl;
    }

    HttpClient http() {
        return http;
    }

    HttpResponse<String> send(String method, String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        return send("POST", url, headers, body);
    }

    HttpResponse<String> get(String url) throws Exception {
        return send("GET", url, Map.of(), null);
    }

    /** The payer address the signer signs for. */
    String payerAddress() throws Exception {
        return JSON.readTree(post(signerUrl + "/sign-orchestrator-info", Map.of(), "{}")
                        .body())
                .get("address")
                .asText();
    }

    /** {@code POST /generate-live-payment} for the challenge's payment params and manifest id. */
    JsonNode payment(JsonNode challenge, String type, JsonNode state) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("orchestrator", challenge.get("payment_params").asText());
        request.put("type", type);
        request.put("ManifestID", challenge.get("manifest_id").asText());
        if (state != null) {
            request.set("state", state);
        }
        HttpResponse<String> reply = post(signerUrl + "/generate-live-payment", Map.of(), request.toString());
        if (reply.statusCode() != 200) {
            throw new AssertionError("signer answered " + reply.statusCode() + ": " + reply.body());
        }
        return JSON.readTree(reply.body());
    }

    static Map<String, String> paymentHeaders(JsonNode payment) {
        return Map.of(
                "Livepeer-Payment", payment.get("payment").asText(),
                "Livepeer-Segment", payment.get("segCreds").asText());
    }

    static OrchestratorInfo paymentParams(JsonNode challenge) throws Exception {
        return OrchestratorInfo.parseFrom(
                Base64.getDecoder().decode(challenge.get("payment_params").asText()));
    }

    /** A paid reservation: the session reply, the signer's payment reply (with its state), the challenge. */
    record Reserved(JsonNode session, JsonNode payment, JsonNode challenge) {
        String sessionId() {
            return session.get("session_id").asText();
        }
    }

    /** Reserves a paid session: the 402 challenge, a payment of {@code type}, the retry. */
    Reserved reservePaid(String sessionUrl, String type) throws Exception {
        HttpResponse<String> challenged = post(sessionUrl, Map.of("Livepeer-Payer-Address", payerAddress()), "");
        if (challenged.statusCode() != 402) {
            throw new AssertionError("expected 402, got " + challenged.statusCode() + ": " + challenged.body());
        }
        JsonNode challenge = JSON.readTree(challenged.body());
        JsonNode payment = payment(challenge, type, null);
        HttpResponse<String> reserved = post(sessionUrl, paymentHeaders(payment), "");
        if (reserved.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + reserved.statusCode() + ": " + reserved.body());
        }
        return new Reserved(JSON.readTree(reserved.body()), payment, challenge);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
