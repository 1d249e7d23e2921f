package org.livepeer.examples.http;

import java.util.List;
import org.livepeer.gateway.Pipeline;

/**
 * The batch endpoints of go-livepeer's AI gateway: the path, how the request body is encoded (as
 * the AI runner's OpenAPI spec defines it) and the fields the spec requires.
 */
enum ApiEndpoint {
    TEXT_TO_IMAGE(Pipeline.TEXT_TO_IMAGE, BodyEncoding.JSON, "prompt"),
    IMAGE_TO_IMAGE(Pipeline.IMAGE_TO_IMAGE, BodyEncoding.MULTIPART, "prompt", "image"),
    IMAGE_TO_VIDEO(Pipeline.IMAGE_TO_VIDEO, BodyEncoding.MULTIPART, "image"),
    UPSCALE(Pipeline.UPSCALE, BodyEncoding.MULTIPART, "prompt", "image"),
    AUDIO_TO_TEXT(Pipeline.AUDIO_TO_TEXT, BodyEncoding.MULTIPART, "audio"),
    LLM(Pipeline.LLM, BodyEncoding.JSON, "messages"),
    SEGMENT_ANYTHING_2(Pipeline.SEGMENT_ANYTHING_2, BodyEncoding.MULTIPART, "image"),
    IMAGE_TO_TEXT(Pipeline.IMAGE_TO_TEXT, BodyEncoding.MULTIPART, "image"),
    TEXT_TO_SPEECH(Pipeline.TEXT_TO_SPEECH, BodyEncoding.JSON, "text");

    enum BodyEncoding {
        JSON,
        MULTIPART
    }

    private final Pipeline pipeline;
    private final BodyEncoding encoding;
    private final List<String> requiredFields;

    ApiEndpoint(Pipeline pipeline, BodyEncoding encoding, String... requiredFields) {
        this.pipeline = pipeline;
        this.encoding = encoding;
        this.requiredFields = List.of(requiredFields);
    }

    /** The pipeline's name, as in {@code livepeer:<name>} and in the path {@code /<name>}. */
    String pipelineName() {
        return pipeline.pipelineName();
    }

    BodyEncoding encoding() {
        return encoding;
    }

    List<String> requiredFields() {
        return requiredFields;
    }
}
