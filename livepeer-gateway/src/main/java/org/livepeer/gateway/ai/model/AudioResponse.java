package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of text-to-speech. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AudioResponse(MediaUrl audio) {}
