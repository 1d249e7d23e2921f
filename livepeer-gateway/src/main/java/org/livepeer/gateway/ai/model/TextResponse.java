package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The answer of audio-to-text: the transcript and its timed chunks. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextResponse(String text, List<TextChunk> chunks) {

    public TextResponse {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }
}
