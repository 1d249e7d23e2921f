package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of text-to-image, image-to-image, upscale and (as go-livepeer's orchestrator answers
 * it, one entry per video) image-to-video.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageResponse(List<Media> images) {

    public ImageResponse {
        images = images == null ? List.of() : List.copyOf(images);
    }
}
