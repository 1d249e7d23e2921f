package org.livepeer.simulator.signer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.Payment;
import org.livepeer.proto.SegData;
import org.livepeer.proto.TicketSenderParams;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.Keccak;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.payment.PaymentException;
import org.livepeer.simulator.payment.PaymentReceipt;
import org.livepeer.simulator.signer.SignerFixture.Reply;

class RemoteSignerPaymentTest {

    /** 60 s of 1280x720 at 30 fps. */
    private static final long PRELOAD_PIXELS = 1280L * 720 * 30 * 60;

    private final SignerFixture f = new SignerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void signsOrchestratorInfoRequestsWithItsChecksummedAddress() throws Exception {
        JsonNode reply = f.post("/sign-orchestrator-info", "{}").json();

        String address = reply.get("address").asText();
        byte[] sig = HexFormat.of().parseHex(reply.get("signature").asText().substring(2));
        assertEquals(f.signerAccount.addressHex(), address);
        assertTrue(EthAccount.verify(f.signerAccount.address(), address.getBytes(), sig));
    }

    @Test
    void firstLv2vPaymentPreloadsSixtySecondsAndTheOrchestratorCreditsWhatTheStateAccounts() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);

        Reply reply = f.pay(SignerFixture.lv2vRequest(info));

        assertEquals(200, reply.status(), reply.body());
        BigRational fee = BigRational.of(PRELOAD_PIXELS);
        BigRational ev = f.issuer.ev();
        Payment payment = reply.payment();
        assertEquals(2, payment.getTicketSenderParamsCount(), "ceil(fee / ev) tickets");
        assertEquals(
                java.util.List.of(1, 2),
                payment.getTicketSenderParamsList().stream()
                        .map(TicketSenderParams::getSenderNonce)
                        .toList());
        assertEquals(info.getPriceInfo(), payment.getExpectedPrice());

        PaymentReceipt receipt = f.issuer.receive(payment);
        JsonNode state = reply.state();
        assertArrayEquals(f.signerAccount.address(), receipt.sender());
        assertEquals(ev.multiply(2), receipt.credited());
        assertEquals(
                receipt.credited().subtract(fee),
                BigRational.parse(state.get("Balance").asText()));
        assertEquals(2, state.get("SenderNonce").asLong());
        assertEquals(0, state.get("SequenceNumber").asLong());
        assertEquals("lv2v", state.get("Type").asText());

        SegData segCreds = reply.segCreds();
        assertEquals(info.getAuthToken(), segCreds.getAuthToken());
        assertTrue(!segCreds.getManifestId().isEmpty(), "a manifest id is made up when none is given");
        assertEquals(fee, f.signer.stats().feesCharged());
        assertEquals(2, f.signer.stats().ticketsIssued());
    }

    @Test
    void billsElapsedTimeOnFollowUpsContinuesNoncesAndSkipsCyclesTheBalanceCovers() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);
        Reply first = f.pay(SignerFixture.lv2vRequest(info));
        f.clock.advance(Duration.ofSeconds(5));

        Reply second = f.pay(SignerFixture.followUp(info, first.json(), "stream-1"));

        assertEquals(200, second.status(), second.body());
        Payment payment = second.payment();
        assertEquals(1, payment.getTicketSenderParamsCount());
        assertEquals(3, payment.getTicketSenderParams(0).getSenderNonce());
        assertEquals(1, second.state().get("SequenceNumber").asLong());
        assertEquals("stream-1", second.segCreds().getManifestId().toStringUtf8());

        BigRational credited = f.issuer
                .receive(first.payment())
                .credited()
                .add(f.issuer.receive(payment).credited());
        BigRational fees = BigRational.of(PRELOAD_PIXELS).add(BigRational.of(1280L * 720 * 30 * 5));
        assertEquals(
                credited.subtract(fees),
                BigRational.parse(second.state().get("Balance").asText()));

        f.clock.advance(Duration.ofSeconds(5));
        Reply third = f.pay(SignerFixture.followUp(info, second.json(), "stream-1"));
        assertEquals(482, third.status());
        assertEquals("no tickets", third.errorMessage());
        assertEquals(1, f.signer.stats().count(482));
        assertEquals(2, f.signer.stats().paymentsGenerated());
    }

    @Test
    void newTicketParamsRestartTheNonce() throws Exception {
        Reply first = f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1)));
        f.clock.advance(Duration.ofSeconds(5));
        OrchestratorInfo refreshed = f.orchestratorInfo(1, 1);

        Reply second = f.pay(SignerFixture.followUp(refreshed, first.json(), "stream-1"));

        assertEquals(200, second.status(), second.body());
        assertEquals(1, second.payment().getTicketSenderParams(0).getSenderNonce());
        f.issuer.receive(second.payment());
    }

    @Test
    void refusesTamperedStateAndStateWithoutManifestId() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);
        JsonNode first = f.pay(SignerFixture.lv2vRequest(info)).json();

        ObjectNode tampered = SignerFixture.followUp(info, first, "stream-1");
        ObjectNode state = (ObjectNode) f.pay(SignerFixture.lv2vRequest(info)).state();
        state.put("Balance", "1000000000000000");
        ((ObjectNode) tampered.get("state"))
                .put(
                        "State",
                        java.util.Base64.getEncoder().encodeToString(SignerFixture.JSON.writeValueAsBytes(state)));
        Reply refused = f.pay(tampered);
        assertEquals(400, refused.status());
        assertEquals("{\"error\":{\"message\":\"invalid sig\"}}\n", refused.body());

        ObjectNode noManifest = SignerFixture.followUp(info, first, "stream-1");
        noManifest.remove("ManifestID");
        Reply missing = f.pay(noManifest);
        assertEquals(400, missing.status());
        assertEquals("missing manifestID", missing.errorMessage());
    }

    @Test
    void asksForARefreshWhenTicketParamsExpire() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);
        f.chain.advance(Duration.ofMinutes(10));

        Reply reply = f.pay(SignerFixture.lv2vRequest(info));

        assertEquals(480, reply.status());
        assertEquals(
                SignerFixture.TRANSCODER,
                reply.raw().headers().firstValue("Livepeer-Orchestrator-URL").orElseThrow());
        assertEquals("refresh session for remote signer", reply.errorMessage());
        assertEquals(
                200, f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1))).status());
    }

    @Test
    void asksForARefreshInTheLastTenthOfTheAuthTokenValidity() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1, 1);
        // Valid 30 min: refresh is due after 27 min.
        f.clock.advance(Duration.ofMinutes(27).plusSeconds(1));
        OrchestratorInfo fresh =
                info.toBuilder().setTicketParams(f.issuer.newTicketParams()).build();

        Reply reply = f.pay(SignerFixture.lv2vRequest(fresh));

        assertEquals(480, reply.status());
        assertEquals(
                SignerFixture.TRANSCODER,
                reply.raw().headers().firstValue("Livepeer-Orchestrator-URL").orElseThrow());
    }

    @Test
    void refusesPricesAboveTheConfiguredCeiling() throws Exception {
        f.signer.setMaxPrice(BigRational.of(1, 2));

        Reply reply = f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1)));

        assertEquals(481, reply.status());
        assertEquals("orchestrator price 1.000 exceeds configured maximum price ceiling 0.500", reply.errorMessage());
        f.signer.setMaxPrice(null);
        assertEquals(
                200, f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1))).status());
    }

    @Test
    void refusesPricesAboveTheRequestMaxPrice() throws Exception {
        ObjectNode request = SignerFixture.lv2vRequest(f.orchestratorInfo(3, 2));
        ObjectNode maxPrice = request.putObject("maxPrice");
        maxPrice.put("price", new java.math.BigDecimal("1.25"));
        maxPrice.put("currency", "WEI");
        maxPrice.put("unit", "720p-pixel-seconds");

        Reply reply = f.pay(request);

        assertEquals(481, reply.status());
        assertEquals("orchestrator price 1.500 exceeds request maxPrice ceiling 1.250", reply.errorMessage());

        maxPrice.put("unit", "seconds");
        Reply wrongUnit = f.pay(request);
        assertEquals(400, wrongUnit.status());
        assertEquals("maxPrice.unit must be 720p-pixel-seconds for payment type lv2v", wrongUnit.errorMessage());
    }

    @Test
    void refusesPricesAboveTheSessionsInitialPrice() throws Exception {
        Reply first = f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1)));
        f.clock.advance(Duration.ofSeconds(5));

        Reply reply = f.pay(SignerFixture.followUp(f.orchestratorInfo(2, 1), first.json(), "stream-1"));

        assertEquals(481, reply.status());
        assertEquals("orchestrator price 2.000 exceeds initial session price ceiling 1.000", reply.errorMessage());
    }

    @Test
    void paysFixedLiveAndPixelJobs() throws Exception {
        OrchestratorInfo info = f.orchestratorInfo(1000, 1);
        ObjectNode live = SignerFixture.lv2vRequest(info).put("type", "live");
        Reply liveReply = f.pay(live);
        assertEquals(200, liveReply.status(), liveReply.body());
        assertEquals(BigRational.of(10_000), f.signer.stats().feesCharged(), "10 s prepaid");

        ObjectNode pixels = SignerFixture.lv2vRequest(info).put("type", "").put("inPixels", 512 * 512);
        assertEquals(200, f.pay(pixels).status());
        assertEquals(
                BigRational.of(10_000 + 1000L * 512 * 512), f.signer.stats().feesCharged());

        ObjectNode fixed = SignerFixture.lv2vRequest(info).put("type", "fixed");
        assertEquals(200, f.pay(fixed).status());
        assertEquals(
                BigRational.of(10_000 + 1000L * 512 * 512 + 1000),
                f.signer.stats().feesCharged());
    }

    @Test
    void segmentCredentialsAreSignedOverTheEmptySegment() throws Exception {
        ObjectNode request = SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1)).put("ManifestID", "abc");

        SegData segCreds = f.pay(request).segCreds();

        byte[] hash = Keccak.hash256(new byte[0]);
        byte[] signed = new byte[3 + 32 + 32];
        System.arraycopy("abc".getBytes(), 0, signed, 0, 3);
        System.arraycopy(hash, 0, signed, 35, 32);
        assertArrayEquals(hash, segCreds.getHash().toByteArray());
        assertTrue(EthAccount.verify(
                f.signerAccount.address(), signed, segCreds.getSig().toByteArray()));
    }

    @Test
    void theOrchestratorRejectsAReplayedPayment() throws Exception {
        Payment payment =
                f.pay(SignerFixture.lv2vRequest(f.orchestratorInfo(1, 1))).payment();
        f.issuer.receive(payment);

        PaymentException replay =
                org.junit.jupiter.api.Assertions.assertThrows(PaymentException.class, () -> f.issuer.receive(payment));
        assertTrue(replay.getMessage().startsWith("invalid ticket senderNonce: already seen"), replay.getMessage());
    }
}
