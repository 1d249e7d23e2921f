package org.livepeer.simulator.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.signer.SignerFixture.Reply;

class RemoteSignerRequestTest {

    private static final String SECRET = "Bearer s3cr3t-value";

    private final SignerFixture f = new SignerFixture(c -> c.requiredHeaders(Map.of("Authorization", SECRET)));
    private final Map<String, String> auth = Map.of("Authorization", SECRET);

    @AfterEach
    void close() {
        f.close();
    }

    private Reply pay(String body) throws Exception {
        return f.post("/generate-live-payment", body, auth);
    }

    private Reply pay(ObjectNode body) throws Exception {
        return pay(SignerFixture.JSON.writeValueAsString(body));
    }

    private void assertBadRequest(String expectedMessage, Reply reply) throws Exception {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(expectedMessage, reply.errorMessage());
    }

    @Test
    void demandsTheConfiguredHeadersWithoutRevealingThem() throws Exception {
        Reply missing = f.post("/sign-orchestrator-info", "{}");
        Reply wrong = f.post("/sign-orchestrator-info", "{}", Map.of("Authorization", "Bearer nope"));
        Reply right = f.post("/sign-orchestrator-info", "{}", auth);

        assertEquals(401, missing.status());
        assertEquals(403, wrong.status());
        assertFalse(wrong.body().contains("s3cr3t"));
        assertEquals(200, right.status());
        assertEquals(401, f.post("/generate-live-payment", "{}").status());
    }

    @Test
    void refusesMalformedBodies() throws Exception {
        assertEquals(400, pay("{not json").status());
        assertBadRequest("EOF", pay(""));
        assertBadRequest("json: cannot unmarshal array into Go value of type server.RemotePaymentRequest", pay("[]"));
        assertBadRequest("missing orchestrator", pay("{}"));
        assertBadRequest("illegal base64 data at input byte 3", pay("{\"orchestrator\":\"abc!\"}"));
        assertEquals(
                400,
                pay("{\"orchestrator\":\"" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff}) + "\"}")
                        .status());
        assertBadRequest(
                "json: cannot unmarshal string into Go struct field RemotePaymentRequest.inPixels of type int64",
                pay("{\"orchestrator\":\"AA==\",\"inPixels\":\"5\"}"));
    }

    @Test
    void refusesOrchestratorInfoWithoutPriceOrTicketParamsOrAuthToken() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);

        assertBadRequest(
                "missing or zero priceInfo",
                pay(SignerFixture.lv2vRequest(info.toBuilder().clearPriceInfo().build())));
        assertBadRequest(
                "missing or zero priceInfo",
                pay(SignerFixture.lv2vRequest(info.toBuilder()
                        .setPriceInfo(info.getPriceInfo().toBuilder().setPixelsPerUnit(0))
                        .build())));
        assertBadRequest(
                "missing ticketParams in OrchestratorInfo",
                pay(SignerFixture.lv2vRequest(
                        info.toBuilder().clearTicketParams().build())));
        assertBadRequest(
                "remote signer could not check whether to refresh session: missing auth token",
                pay(SignerFixture.lv2vRequest(info.toBuilder().clearAuthToken().build())));
    }

    @Test
    void refusesUnknownJobTypesAndRequestsWithNothingToBill() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);

        assertBadRequest("invalid job type", pay(SignerFixture.lv2vRequest(info).put("type", "batch")));
        assertBadRequest(
                "missing billable unit or job type",
                pay(SignerFixture.lv2vRequest(info).put("type", "")));
        ObjectNode maxPriceWithoutType =
                SignerFixture.lv2vRequest(info).put("type", "").put("inPixels", 10);
        maxPriceWithoutType.putObject("maxPrice").put("price", 1).put("currency", "wei");
        assertBadRequest("maxPrice requires payment type live, lv2v, or fixed", pay(maxPriceWithoutType));
        ObjectNode dollars = SignerFixture.lv2vRequest(info);
        dollars.putObject("maxPrice").put("price", 1).put("currency", "usd").put("unit", "720p-pixel-seconds");
        assertBadRequest("maxPrice.currency must be wei", pay(dollars));
        ObjectNode negative = SignerFixture.lv2vRequest(info);
        negative.putObject("maxPrice").put("price", -1).put("currency", "wei").put("unit", "720p-pixel-seconds");
        assertBadRequest("maxPrice.price must be a positive decimal", pay(negative));
    }

    @Test
    void refusesPaymentsNeedingMoreThanAHundredTickets() throws Exception {
        // 60 s at 100 wei/pixel needs ~166 one-gwei tickets.
        assertBadRequest(
                "numTickets 166 exceeds maximum of 100", pay(SignerFixture.lv2vRequest(f.orchestratorInfo(100, 1))));
    }

    @Test
    void refusesStateThatBelongsToAnotherOrchestratorAppOrType() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);
        Reply first = pay(SignerFixture.lv2vRequest(info).put("app", "my-app"));
        assertEquals(200, first.status(), first.body());
        f.clock.advance(Duration.ofSeconds(5));

        ObjectNode otherApp = SignerFixture.followUp(info, first.json(), "m").put("app", "other");
        assertBadRequest("app mismatch", pay(otherApp));
        ObjectNode otherType = SignerFixture.followUp(info, first.json(), "m")
                .put("app", "my-app")
                .put("type", "live");
        assertBadRequest("job type mismatch", pay(otherType));
        OrchestratorInfo otherOrchestrator = info.toBuilder()
                .setAddress(com.google.protobuf.ByteString.copyFrom(new byte[20]))
                .build();
        ObjectNode foreign =
                SignerFixture.followUp(otherOrchestrator, first.json(), "m").put("app", "my-app");
        assertBadRequest("orchestratorAddress mismatch", pay(foreign));
        assertEquals(
                200,
                pay(SignerFixture.followUp(info, first.json(), "m").put("app", "my-app"))
                        .status());
    }

    @Test
    void acceptsGoFieldNamesInAnyCase() throws Exception {
        ObjectNode request = SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1));
        request.set("Orchestrator", request.remove("orchestrator"));
        request.put("manifestid", "lower-case");

        Reply reply = pay(request);

        assertEquals(200, reply.status(), reply.body());
        assertEquals("lower-case", reply.segCreds().getManifestId().toStringUtf8());
    }

    @Test
    void injectedFaultsReplaceTheAnswer() throws Exception {
        f.signer
                .faults()
                .add(FaultRule.on("POST", "/generate-live-payment").times(1).respond(503, "down"));

        assertEquals(
                503, pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1))).status());
        assertEquals(
                200, pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1))).status());
    }
}
