package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One choice of an LLM answer: {@code message} in a whole answer, {@code delta} in a streamed
 * chunk; {@code finishReason} is non-empty on the last one ({@code stop}, {@code length}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmChoice(
        int index, @JsonProperty("finish_reason") String finishReason, LlmMessage delta, LlmMessage message) {

    public boolean isFinished() {
        return finishReason != null && !finishReason.isEmpty();
    }
}
