package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One generated image or video: a {@code data:} URL or a download URL, its seed and the NSFW flag. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Media(String url, Long seed, Boolean nsfw) {}
