package org.livepeer.gateway.ai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.ai.BatchOptions;
import org.livepeer.simulator.orchestrator.OrchestratorConfig;

/** llm answers as server-sent events, read as they arrive. */
class LlmStreamTest {

    private static LlmRequest question() {
        return LlmRequest.of("Tell me about lighthouses and their keepers.")
                .setModel(BatchNetwork.model(Capability.LLM))
                .setMaxTokens(64);
    }

    @Test
    void chunksArriveInOrderAndJoinToTheWholeAnswer() {
        try (BatchNetwork network = BatchNetwork.start(sim -> sim.orchestrators(1))) {
            String whole = network.client.run(question()).join().response().text();

            BatchResult<LlmStream> result = network.client.stream(question()).join();
            List<LlmResponse> chunks = new ArrayList<>();
            try (LlmStream stream = result.response()) {
                stream.forEachRemaining(chunks::add);
            }

            assertTrue(chunks.size() > 2, "several chunks: " + chunks.size());
            assertTrue(chunks.get(chunks.size() - 1).isFinished(), "ends with the finish reason");
            StringBuilder joined = new StringBuilder();
            chunks.forEach(chunk -> joined.append(chunk.text()));
            assertEquals(whole, joined.toString());
            assertEquals(64, result.units(), "pays max_tokens, as for a whole answer");
            assertTrue(
                    network.credited(0, org.livepeer.simulator.Capability.LLM)
                                    .compareTo(network.debited(0, org.livepeer.simulator.Capability.LLM))
                            >= 0,
                    "the orchestrator's credit covers the streamed answers");
        }
    }

    @Test
    void theDoneMarkerEndsTheStreamToo() {
        try (BatchNetwork network = BatchNetwork.start(sim -> sim.orchestrators(0)
                .orchestrator(OrchestratorConfig.builder("runner-like")
                        .batch(BatchOptions.defaults().withLlmDoneMarker(true))
                        .build()))) {
            try (LlmStream stream = network.client.stream(question()).join().response()) {
                assertFalse(stream.remainingText().isBlank());
                assertFalse(stream.hasNext());
            }
        }
    }

    @Test
    void closingEarlyDropsTheConnectionAndFreesTheOrchestrator() {
        try (BatchNetwork network = BatchNetwork.start(sim -> sim.orchestrators(0)
                .orchestrator(OrchestratorConfig.builder("slow")
                        .defaultCapacity(1)
                        .batch(BatchOptions.defaults().withLlmChunkInterval(Duration.ofMillis(50)))
                        .build()))) {
            LlmStream stream = network.client.stream(question()).join().response();
            String first = stream.next().text();
            stream.close();

            assertFalse(stream.hasNext());
            assertTrue(first.length() > 0);
            // capacity 1: a second request is served only once the first one's slot was released
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(
                            1,
                            network.client
                                    .run(question().setMaxTokens(4))
                                    .join()
                                    .attempts()));
        }
    }
}
