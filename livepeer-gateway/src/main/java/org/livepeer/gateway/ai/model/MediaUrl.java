package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A URL where media can be read: a {@code data:} URL or a download URL on the orchestrator. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaUrl(String url) {}
