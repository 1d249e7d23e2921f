package org.livepeer.gateway;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Livepeer AI pipelines, with their capability ids on the wire. */
public enum Pipeline {
    TEXT_TO_IMAGE("text-to-image", 27),
    IMAGE_TO_IMAGE("image-to-image", 28),
    IMAGE_TO_VIDEO("image-to-video", 29),
    UPSCALE("upscale", 30),
    AUDIO_TO_TEXT("audio-to-text", 31),
    SEGMENT_ANYTHING_2("segment-anything-2", 32),
    LLM("llm", 33),
    IMAGE_TO_TEXT("image-to-text", 34),
    LIVE_VIDEO_TO_VIDEO("live-video-to-video", 35),
    TEXT_TO_SPEECH("text-to-speech", 36);

    private final String path;
    private final int capabilityId;

    Pipeline(String path, int capabilityId) {
        this.path = path;
        this.capabilityId = capabilityId;
    }

    /** The name used in URIs and on the orchestrator's HTTP API, e.g. {@code text-to-image}. */
    public String pipelineName() {
        return path;
    }

    public int capabilityId() {
        return capabilityId;
    }

    public static Optional<Pipeline> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.path.equals(name)).findFirst();
    }

    public static Optional<Pipeline> byCapabilityId(int id) {
        return Arrays.stream(values()).filter(p -> p.capabilityId == id).findFirst();
    }

    /** Parses a pipeline name, failing with the list of valid names. */
    public static Pipeline parse(String option, String name) {
        return byName(name)
                .orElseThrow(() -> new ConfigurationException(
                        option,
                        "unknown pipeline '" + name + "'; expected one of "
                                + Arrays.stream(values())
                                        .map(Pipeline::pipelineName)
                                        .collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return path;
    }
}
