package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.payment.BatchPaymentStats;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.Ledger;
import org.livepeer.simulator.RoundTrips;
import org.livepeer.simulator.http.FaultRule;
import org.livepeer.simulator.payment.BigRational;

/**
 * Batch requests carry credit over: a request whose fee the orchestrator's balance covers sends no
 * tickets and costs no signer call, and over many requests the orchestrators are credited about what
 * the work cost, not a ticket per request.
 */
class BatchCreditTest {

    /** One ticket is worth 30,000 wei (face value 60,000 at probability 1/2); a pixel costs 1 wei. */
    private static final BigInteger FACE_VALUE = BigInteger.valueOf(60_000);

    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(255);

    private BatchNetwork network;

    @AfterEach
    void close() {
        if (network != null) {
            network.close();
        }
    }

    private void start(int orchestrators) {
        start(orchestrators, FACE_VALUE);
    }

    private void start(int orchestrators, BigInteger faceValue) {
        network = BatchNetwork.start(sim -> sim.orchestrators(orchestrators)
                .orchestratorDefaults(o -> o.faceValue(faceValue).winProb(HALF).defaultCapacity(64)));
    }

    private static TextToImageRequest image(int size) {
        return TextToImageRequest.of("a lighthouse")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setHeight(size)
                .setWidth(size);
    }

    private static LlmRequest llm(int maxTokens) {
        return LlmRequest.of("hello")
                .setModel(BatchNetwork.model(Capability.LLM))
                .setMaxTokens(maxTokens);
    }

    @Test
    void requestsTheCreditCoversSendNoTicketsAndCallNoSigner() {
        start(1);
        // 64 x 64 = 4,096 wei per request against 30,000 wei per ticket
        RoundTrips before = network.sim.roundTrips();
        for (int i = 0; i < 20; i++) {
            network.client.run(image(64)).join();
        }
        RoundTrips run = network.sim.roundTrips().minus(before);

        assertEquals(20, run.orchestratorHttp(), "one orchestrator call per request");
        assertTrue(
                run.signerPayments() <= 4,
                "20 requests of 4,096 wei need about 3 tickets of 30,000, not 20: " + run.signerPayments());
        BigRational debited = network.debited(0, Capability.TEXT_TO_IMAGE);
        BigRational credited = network.credited(0, Capability.TEXT_TO_IMAGE);
        assertEquals(BigRational.of(20L * 4096), debited);
        assertTrue(credited.compareTo(debited) >= 0, "never short: " + credited + " < " + debited);
        assertTrue(
                credited.compareTo(debited.add(BigRational.of(60_000))) <= 0,
                "at most two tickets' value ahead: " + credited + " for " + debited);
        assertEquals(0, network.orchestrator(0).tickets().nonceCounts().reused());
    }

    @Test
    void aThousandMixedRequestsCreditWithinFivePercentOfPriceTimesUnits() {
        // a ticket worth 3,000 wei, requests of 64 to 16,384 wei; two warm the connections, 998 run
        start(2, BigInteger.valueOf(6_000));
        List<AiRequest<?>> requests = new ArrayList<>();
        int[] sizes = {32, 48, 64, 96, 128};
        int[] tokens = {64, 256, 1024, 4096};
        for (int i = 0; i < 998; i++) {
            requests.add(i % 3 == 0 ? llm(tokens[i % tokens.length]) : image(sizes[i % sizes.length]));
        }
        network.client.run(image(32)).join();
        network.client.run(llm(64)).join();
        RoundTrips before = network.sim.roundTrips();
        // 8 at a time: requests overlap, and tickets bought while others are on their way carry over
        for (int from = 0; from < requests.size(); from += 8) {
            List<CompletableFuture<?>> wave = new ArrayList<>();
            for (AiRequest<?> request : requests.subList(from, Math.min(requests.size(), from + 8))) {
                wave.add(network.client.run(request));
            }
            try {
                CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException e) {
                throw new AssertionError("482s: " + network.sim.signer().stats().paymentStatusCounts(), e);
            }
        }
        RoundTrips run = network.sim.roundTrips().minus(before);

        Ledger ledger = network.sim.ledger();
        BigRational debited = ledger.debited();
        BigRational credited = ledger.credited();
        assertTrue(credited.compareTo(debited) >= 0, "orchestrators are never short");
        BigRational overpaid = credited.subtract(debited);
        assertTrue(
                overpaid.multiply(20).compareTo(debited) <= 0,
                "credited " + credited.toFloatString(0) + " wei for work of " + debited.toFloatString(0));
        assertEquals(998, run.orchestratorHttp(), "one orchestrator call per request");
        assertTrue(run.signerPayments() < 1000, "most requests needed no signer call: " + run.signerPayments());
        assertEquals(0, network.orchestrator(0).tickets().nonceCounts().reused());
        assertEquals(0, network.orchestrator(1).tickets().nonceCounts().reused());
    }

    @Test
    void aNoTicketsAnswerFromTheSignerLetsTheRequestGoOutOnTheCredit() {
        start(1);
        network.client.run(image(64)).join();
        network.client.run(image(64)).join();
        BatchPaymentStats before = statsOfFirst();
        FaultRule noTickets = FaultRule.on("POST", "/generate-live-payment")
                .times(1)
                .respond(482, "application/json", "{\"error\":{\"message\":\"no tickets\"}}", Map.of());
        network.sim.signer().faults().add(noTickets);

        // 65,536 wei is more than the credit, so the signer is asked; it answers 482
        BatchResult<ImageResponse> served = network.client.run(image(256)).join();

        assertEquals(1, noTickets.hits());
        assertEquals(1, served.attempts());
        assertEquals(0, new java.math.BigDecimal(65_536).compareTo(served.paidWei()), "it cost 256 x 256 wei");
        BatchPaymentStats after = statsOfFirst();
        assertEquals(before.charges() + 1, after.charges());
        assertEquals(before.tickets(), after.tickets());

        // the credit the request used is made up with the next tickets
        network.client.run(image(64)).join();
        BigRational debited = network.debited(0, Capability.TEXT_TO_IMAGE);
        assertTrue(network.credited(0, Capability.TEXT_TO_IMAGE).compareTo(debited) >= 0);
        assertTrue(statsOfFirst().creditWei().signum() >= 0);
    }

    private BatchPaymentStats statsOfFirst() {
        var session = network.gateway
                .select(org.livepeer.gateway.selection.SelectionRequest.of(
                        org.livepeer.gateway.Pipeline.TEXT_TO_IMAGE, BatchNetwork.model(Capability.TEXT_TO_IMAGE)))
                .join();
        return network.gateway.batchPayments(session).stats();
    }
}
