package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An LLM answer, or one chunk of a streamed answer (same shape; its choices carry a {@code delta}
 * instead of a {@code message}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmResponse(String id, String model, long created, LlmTokenUsage usage, List<LlmChoice> choices) {

    public LlmResponse {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** The text of the first choice: its message in a whole answer, its delta in a chunk ("" if none). */
    public String text() {
        if (choices.isEmpty()) {
            return "";
        }
        LlmChoice first = choices.get(0);
        LlmMessage part = first.message() != null ? first.message() : first.delta();
        return part == null || part.content() == null ? "" : part.content();
    }

    /** Whether the first choice carries a finish reason (the last chunk of a stream). */
    public boolean isFinished() {
        return !choices.isEmpty() && choices.get(0).isFinished();
    }
}
