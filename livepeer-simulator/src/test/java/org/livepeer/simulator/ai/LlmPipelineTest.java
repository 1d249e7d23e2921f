package org.livepeer.simulator.ai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.orchestrator.OrchestratorError;

class LlmPipelineTest {

    private static final String MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    private BatchApiServer server = new BatchApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersAChatCompletionAndBillsMaxTokens() throws Exception {
        JsonNode body = BatchApiServer.json(server.postJson("/llm", request("Tell me about Livepeer", 256, false)));

        assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
        assertEquals(MODEL, body.get("model").asText());
        assertTrue(body.get("created").asLong() > 0);
        JsonNode choice = body.get("choices").get(0);
        assertEquals(0, choice.get("index").asInt());
        assertEquals("stop", choice.get("finish_reason").asText());
        assertEquals("assistant", choice.get("message").get("role").asText());
        String text = choice.get("message").get("content").asText();
        assertTrue(text.contains("Tell me about Livepeer"), text);
        JsonNode usage = body.get("usage");
        int completionTokens = text.split(" ").length;
        assertEquals(6, usage.get("prompt_tokens").asInt(), "system and user words");
        assertEquals(completionTokens, usage.get("completion_tokens").asInt());
        assertEquals(6 + completionTokens, usage.get("total_tokens").asInt());
        assertEquals(List.of(new FakeOrchestratorServices.Debit(Capability.LLM, MODEL, 256)), server.services.debits);
    }

    @Test
    void sameConversationSameAnswerAndMaxTokensCutsIt() throws Exception {
        String full = content(server.postJson("/llm", request("What is a ticket?", 256, false)));
        String again = content(server.postJson("/llm", request("What is a ticket?", 256, false)));
        JsonNode cut = BatchApiServer.json(server.postJson("/llm", request("What is a ticket?", 4, false)));

        assertEquals(full, again);
        String cutText = cut.get("choices").get(0).get("message").get("content").asText();
        assertEquals(4, cut.get("usage").get("completion_tokens").asInt());
        assertEquals(4, cutText.split(" ").length);
        assertTrue(full.startsWith(cutText));
    }

    @Test
    void streamsTheSameTextAsSeparateEventsWhileHoldingCapacity() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withLlmChunkInterval(Duration.ofMillis(100)));
        String whole = content(server.postJson("/llm", request("Stream this please", 12, false)));

        HttpResponse<Stream<String>> response = server.client()
                .send(post(request("Stream this please", 12, true)), HttpResponse.BodyHandlers.ofLines());

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/event-stream",
                response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(null));
        List<JsonNode> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    continue;
                }
                assertTrue(line.startsWith("data: "), line);
                events.add(BatchApiServer.JSON.readTree(line.substring(6)));
                if (events.size() == 1) {
                    assertEquals(1, server.services.openSlots.get(), "capacity is held while streaming");
                }
            }
        }

        assertTrue(events.size() > 3, "several chunks");
        StringBuilder streamed = new StringBuilder();
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            JsonNode choice = event.get("choices").get(0);
            assertEquals("", choice.get("finish_reason").asText());
            assertFalse(choice.has("message"));
            streamed.append(choice.get("delta").get("content").asText());
        }
        JsonNode last = events.get(events.size() - 1).get("choices").get(0);
        assertEquals("stop", last.get("finish_reason").asText());
        assertEquals("", last.get("delta").get("content").asText());
        assertEquals(whole, streamed.toString());
        assertEquals(
                12,
                events.get(events.size() - 1)
                        .get("usage")
                        .get("completion_tokens")
                        .asInt());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.services.openSlots.get() == 0);
        assertEquals(2, server.services.debits.size());
    }

    @Test
    void doneMarkerEndsTheStreamWhenEnabled() throws Exception {
        List<String> defaultLines = streamLines();
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withLlmDoneMarker(true));

        List<String> withMarker = streamLines();

        assertFalse(defaultLines.contains("data: [DONE]"), "go-livepeer does not relay the runner's marker");
        assertEquals("data: [DONE]", withMarker.get(withMarker.size() - 1));
        assertTrue(withMarker.get(withMarker.size() - 2).contains("\"finish_reason\":\"stop\""));
    }

    @Test
    void clientGoneMidStreamReleasesCapacity() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withLlmChunkInterval(Duration.ofMillis(200)));

        HttpResponse<Stream<String>> response =
                server.client().send(post(request("long answer", 64, true)), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertTrue(lines.iterator().next().startsWith("data: "));
            assertEquals(1, server.services.openSlots.get());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> server.services.openSlots.get() == 0);
    }

    @Test
    void goLivepeerRequiresMaxTokens() throws Exception {
        HttpResponse<byte[]> response = server.postJson(
                "/llm", "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(400, response.statusCode());
        assertEquals("MaxTokens not specified", BatchApiServer.errorText(response));
        assertEquals(0, server.services.reservations.get());
    }

    @Test
    void missingMessagesFailInTheRunnerAndMalformedOnesInTheOrchestrator() throws Exception {
        HttpResponse<byte[]> missing = server.postJson("/llm", "{\"model\":\"" + MODEL + "\",\"max_tokens\":10}");
        HttpResponse<byte[]> malformed =
                server.postJson("/llm", "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":\"hi\"}");

        assertEquals(500, missing.statusCode());
        assertTrue(BatchApiServer.errorText(missing).startsWith("llm container returned 422: "));
        assertEquals(400, malformed.statusCode());
        assertEquals(
                "json: cannot unmarshal string into Go struct field LLMRequest.messages of type []worker.LLMMessage",
                BatchApiServer.errorText(malformed));
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void capacityAndPaymentRefusals() throws Exception {
        server.services.capacityRefusal = new OrchestratorError(503, "insufficient capacity");
        HttpResponse<byte[]> busy = server.postJson("/llm", request("hi", 8, true));
        server.services.capacityRefusal = null;
        server.services.paymentRefusal = new OrchestratorError(400, "Insufficient balance");
        HttpResponse<byte[]> poor = server.postJson("/llm", request("hi", 8, true));

        assertEquals(503, busy.statusCode());
        assertEquals("insufficient capacity", BatchApiServer.errorText(busy));
        assertEquals(400, poor.statusCode());
        assertEquals("Insufficient balance", BatchApiServer.errorText(poor));
        assertEquals(0, server.services.openSlots.get());
    }

    private List<String> streamLines() throws Exception {
        HttpResponse<Stream<String>> response =
                server.client().send(post(request("hi there", 8, true)), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            return lines.filter(line -> !line.isEmpty()).toList();
        }
    }

    private HttpRequest post(String json) {
        return server.request("/llm", true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String content(HttpResponse<byte[]> response) throws Exception {
        return BatchApiServer.json(response)
                .get("choices")
                .get(0)
                .get("message")
                .get("content")
                .asText();
    }

    private static String request(String question, int maxTokens, boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
    }
}
