package org.livepeer.gateway.ai;

import org.livepeer.gateway.Pipeline;

/** The model each pipeline uses when a request names none: go-livepeer's gateway defaults. */
final class DefaultModels {

    private DefaultModels() {}

    static String of(Pipeline pipeline) {
        return switch (pipeline) {
            case TEXT_TO_IMAGE, IMAGE_TO_IMAGE -> "stabilityai/sdxl-turbo";
            case IMAGE_TO_VIDEO -> "stabilityai/stable-video-diffusion-img2vid-xt";
            case UPSCALE -> "stabilityai/stable-diffusion-x4-upscaler";
            case AUDIO_TO_TEXT -> "openai/whisper-large-v3";
            case LLM -> "meta-llama/llama-3.1-8B-Instruct";
            case SEGMENT_ANYTHING_2 -> "facebook/sam2-hiera-large";
            case IMAGE_TO_TEXT -> "Salesforce/blip-image-captioning-large";
            case TEXT_TO_SPEECH -> "parler-tts/parler-tts-large-v1";
            case LIVE_VIDEO_TO_VIDEO -> throw new IllegalArgumentException("not a batch pipeline: " + pipeline);
        };
    }
}
