package org.livepeer.simulator.ai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Response bodies of the batch pipelines, shaped as the AI runner's OpenAPI schemas. */
final class AiResponses {

    private AiResponses() {}

    record Media(String url, long seed, boolean nsfw) {}

    record ImageResponse(List<Media> images) {}

    record MediaUrl(String url) {}

    record AudioResponse(MediaUrl audio) {}

    /** {@code timestamp} is a [start, end] pair in seconds. */
    record Chunk(List<Double> timestamp, String text) {}

    record TextResponse(String text, List<Chunk> chunks) {}

    record ImageToTextResponse(String text) {}

    /** Each field holds a Python-style printed nested list, as the runner sends them. */
    record MasksResponse(String masks, String scores, String logits) {}

    record LlmMessage(String role, String content) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LlmChoice(
            int index, @JsonProperty("finish_reason") String finishReason, LlmMessage delta, LlmMessage message) {}

    record LlmTokenUsage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {}

    record LlmResponse(String id, String model, long created, LlmTokenUsage usage, List<LlmChoice> choices) {}
}
