package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A piece of a transcript with its timestamp ({@code [start, end]} in seconds, as the runner gives it). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TextChunk(List<Object> timestamp, String text) {}
