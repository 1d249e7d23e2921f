package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of image-to-text: a caption. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageToTextResponse(String text) {}
