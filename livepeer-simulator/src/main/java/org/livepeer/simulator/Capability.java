package org.livepeer.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The AI pipelines and their capability ids (go-livepeer {@code core/capabilities.go}). */
public enum Capability {
    TEXT_TO_IMAGE(27, "text-to-image"),
    IMAGE_TO_IMAGE(28, "image-to-image"),
    IMAGE_TO_VIDEO(29, "image-to-video"),
    UPSCALE(30, "upscale"),
    AUDIO_TO_TEXT(31, "audio-to-text"),
    SEGMENT_ANYTHING_2(32, "segment-anything-2"),
    LLM(33, "llm"),
    IMAGE_TO_TEXT(34, "image-to-text"),
    LIVE_VIDEO_TO_VIDEO(35, "live-video-to-video"),
    TEXT_TO_SPEECH(36, "text-to-speech");

    private final int id;
    private final String pipeline;

    Capability(int id, String pipeline) {
        this.id = id;
        this.pipeline = pipeline;
    }

    public int id() {
        return id;
    }

    /** The pipeline name, which is also the orchestrator's HTTP path without the slash. */
    public String pipeline() {
        return pipeline;
    }

    public static Optional<Capability> byPipeline(String pipeline) {
        return Arrays.stream(values()).filter(c -> c.pipeline.equals(pipeline)).findFirst();
    }

    public static Optional<Capability> byId(int id) {
        return Arrays.stream(values()).filter(c -> c.id == id).findFirst();
    }
}
