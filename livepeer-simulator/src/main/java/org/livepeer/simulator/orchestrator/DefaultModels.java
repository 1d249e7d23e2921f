package org.livepeer.simulator.orchestrator;

import java.util.ArrayList;
import java.util.List;
import org.livepeer.simulator.Capability;

/** The models a simulated orchestrator offers unless told otherwise: one well-known model per pipeline. */
public final class DefaultModels {

    private DefaultModels() {}

    public static String modelFor(Capability capability) {
        return switch (capability) {
            case TEXT_TO_IMAGE -> "ByteDance/SDXL-Lightning";
            case IMAGE_TO_IMAGE -> "timbrooks/instruct-pix2pix";
            case IMAGE_TO_VIDEO -> "stabilityai/stable-video-diffusion-img2vid-xt-1-1";
            case UPSCALE -> "stabilityai/stable-diffusion-x4-upscaler";
            case AUDIO_TO_TEXT -> "openai/whisper-large-v3";
            case SEGMENT_ANYTHING_2 -> "facebook/sam2-hiera-large";
            case LLM -> "meta-llama/Meta-Llama-3.1-8B-Instruct";
            case IMAGE_TO_TEXT -> "Salesforce/blip-image-captioning-large";
            case LIVE_VIDEO_TO_VIDEO -> "streamdiffusion";
            case TEXT_TO_SPEECH -> "parler-tts/parler-tts-large-v1";
        };
    }

    /**
     * Every pipeline with its default model, at {@code pricePerUnit} wei per unit (pixel, or the
     * pipeline's unit), with room for {@code capacity} concurrent requests each.
     */
    public static List<ModelOffer> all(long pricePerUnit, int capacity) {
        List<ModelOffer> offers = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            offers.add(ModelOffer.of(capability, modelFor(capability), pricePerUnit, capacity));
        }
        return offers;
    }
}
