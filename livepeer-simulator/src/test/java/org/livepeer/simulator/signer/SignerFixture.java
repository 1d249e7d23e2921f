package org.livepeer.simulator.signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.livepeer.proto.AuthToken;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PriceInfo;
import org.livepeer.proto.SegData;
import org.livepeer.simulator.TestHttp;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;
import org.livepeer.simulator.payment.TicketIssuer;
import org.livepeer.simulator.payment.TicketMath;

/** A signer, one orchestrator's ticket issuer and a raw HTTP client, on a hand-moved clock. */
final class SignerFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final BigInteger FACE_VALUE = BigInteger.valueOf(1_000_000_000_000L);
    /** Tickets worth (just over) 1 gwei. */
    static final BigInteger WIN_PROB = TicketMath.winProbFor(FACE_VALUE, BigInteger.valueOf(1_000_000_000L));

    static final String TRANSCODER = "https://127.0.0.1:18935";

    final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    final SimulatedChain chain = new SimulatedChain(clock, Duration.ofSeconds(1));
    final NioEventLoopGroup group = new NioEventLoopGroup(1);
    final EthAccount signerAccount = EthAccount.random();
    final EthAccount orchestrator = EthAccount.random();
    final TicketIssuer issuer = new TicketIssuer(orchestrator, chain, FACE_VALUE, WIN_PROB, Duration.ofMinutes(10));
    final HttpClient http = TestHttp.insecureClient();
    final RemoteSigner signer;

    SignerFixture(UnaryOperator<RemoteSignerConfig> config) {
        signer = new RemoteSigner(
                        signerAccount,
                        chain,
                        group,
                        config.apply(RemoteSignerConfig.defaults().clock(clock)))
                .start();
    }

    SignerFixture() {
        this(c -> c);
    }

    /** OrchestratorInfo as the orchestrator would hand it out now, at {@code pricePerPixel} wei. */
    OrchestratorInfo orchestratorInfo(long pricePerUnit, long pixelsPerUnit) {
        return OrchestratorInfo.newBuilder()
                .setTranscoder(TRANSCODER)
                .setAddress(ByteString.copyFrom(orchestrator.address()))
                .setTicketParams(issuer.newTicketParams())
                .setPriceInfo(
                        PriceInfo.newBuilder().setPricePerUnit(pricePerUnit).setPixelsPerUnit(pixelsPerUnit))
                .setAuthToken(AuthToken.newBuilder()
                        .setToken(ByteString.copyFromUtf8("token"))
                        .setSessionId("session-1")
                        .setExpiration(
                                clock.instant().plus(Duration.ofMinutes(30)).getEpochSecond()))
                .build();
    }

    static ObjectNode lv2vRequest(OrchestratorInfo info) {
        ObjectNode request = JSON.createObjectNode();
        request.put("orchestrator", Base64.getEncoder().encodeToString(info.toByteArray()));
        request.put("type", "lv2v");
        return request;
    }

    /** The request for the next payment of a session: its state and manifest id. */
    static ObjectNode followUp(OrchestratorInfo info, JsonNode previousResponse, String manifestId) {
        ObjectNode request = lv2vRequest(info);
        request.put("ManifestID", manifestId);
        request.set("state", previousResponse.get("state").deepCopy());
        return request;
    }

    Reply post(String path, String body) throws Exception {
        return post(path, body, Map.of());
    }

    Reply post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signer.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return Reply.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        headers.forEach(request::header);
        return Reply.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply pay(ObjectNode request) throws Exception {
        return post("/generate-live-payment", JSON.writeValueAsString(request));
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.body(), response);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String errorMessage() throws Exception {
            return json().path("error").path("message").asText();
        }

        Payment payment() throws Exception {
            return Payment.parseFrom(
                    Base64.getDecoder().decode(json().get("payment").asText()));
        }

        SegData segCreds() throws Exception {
            return SegData.parseFrom(
                    Base64.getDecoder().decode(json().get("segCreds").asText()));
        }

        /** The signer's decoded state document (opaque to gateways; tests may peek). */
        JsonNode state() throws Exception {
            return JSON.readTree(
                    Base64.getDecoder().decode(json().get("state").get("State").asText()));
        }
    }

    @Override
    public void close() {
        signer.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
