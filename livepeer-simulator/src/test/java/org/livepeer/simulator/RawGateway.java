package org.livepeer.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;

/**
 * The steps of the gateway protocol, written plainly against the wire for tests: signer calls,
 * GetOrchestrator, orchestrator HTTP calls with payment headers, trickle reads and writes. It
 * shares no code with the simulator's servers.
 */
public final class RawGateway implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = TestHttp.insecureClient();
    private final String signerUrl;
    private final Map<String, String> signerHeaders;

    public RawGateway(String signerUrl, Map<String, String> signerHeaders) {
        this.signerUrl = signerUrl;
        this.signerHeaders = signerHeaders;
    }

    /** {@code POST /sign-orchestrator-info}: the request's address and signature. */
    public OrchestratorRequest signedOrchestratorRequest() throws Exception {
        JsonNode reply =
                JSON.readTree(signerCall("/sign-orchestrator-info", "{}").body());
        return OrchestratorRequest.newBuilder()
                .setAddress(ByteString.copyFrom(hex(reply.get("address").asText())))
                .setSig(ByteString.copyFrom(hex(reply.get("signature").asText())))
                .build();
    }

    /** {@code POST /generate-live-payment}; returns the raw reply. */
    public HttpResponse<String> generatePayment(ObjectNode body) throws Exception {
        return signerCall("/generate-live-payment", body.toString());
    }

    public static ObjectNode paymentRequest(OrchestratorInfo info, String type, JsonNode state, String manifestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("orchestrator", Base64.getEncoder().encodeToString(info.toByteArray()));
        if (type != null) {
            body.put("type", type);
        }
        if (state != null) {
            body.set("state", state);
        }
        if (manifestId != null) {
            body.put("ManifestID", manifestId);
        }
        return body;
    }

    public HttpResponse<String> signerCall(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signerUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signerHeaders.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST to the orchestrator with the payment headers of a signer reply. */
    public HttpResponse<byte[]> postPaid(String url, JsonNode signerReply, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Livepeer-Payment", signerReply.path("payment").asText(""))
                .header("Livepeer-Segment", signerReply.path("segCreds").asText(""))
                .header("Authorization", "Livepeer-AI-Worker-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST one trickle segment. */
    public HttpResponse<String> publish(String url, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET one trickle segment (waits until it is complete). */
    public HttpResponse<byte[]> read(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpClient http() {
        return http;
    }

    private static byte[] hex(String value) {
        return HexFormat.of().parseHex(value.startsWith("0x") ? value.substring(2) : value);
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its connections are released when it is collected.
    }
}
