package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of segment-anything-2: masks, scores and logits, each a JSON-encoded nested list as a string. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MasksResponse(String masks, String scores, String logits) {}
