package org.livepeer.camel;

import java.util.List;
import java.util.Map;
import org.livepeer.gateway.Pipeline;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.orchestrator.DefaultModels;

/** One request per batch pipeline: the natural body and the extra fields it needs. */
record PipelineCases(Pipeline pipeline, Object body, Map<String, Object> fields) {

    static List<PipelineCases> all() {
        byte[] png = MediaSamples.png(64, 48);
        return List.of(
                new PipelineCases(Pipeline.TEXT_TO_IMAGE, "a lighthouse at dawn", Map.of("width", 256, "height", 128)),
                new PipelineCases(Pipeline.IMAGE_TO_IMAGE, png, Map.of("prompt", "make it blue")),
                new PipelineCases(Pipeline.IMAGE_TO_VIDEO, png, Map.of()),
                new PipelineCases(Pipeline.UPSCALE, png, Map.of("prompt", "sharper")),
                new PipelineCases(Pipeline.AUDIO_TO_TEXT, MediaSamples.wav(1.5), Map.of()),
                new PipelineCases(Pipeline.LLM, "Say hello.", Map.of("max_tokens", 64)),
                new PipelineCases(Pipeline.SEGMENT_ANYTHING_2, png, Map.of()),
                new PipelineCases(Pipeline.IMAGE_TO_TEXT, png, Map.of()),
                new PipelineCases(Pipeline.TEXT_TO_SPEECH, "Hello from Camel.", Map.of()));
    }

    String model() {
        return DefaultModels.modelFor(
                Capability.byPipeline(pipeline.pipelineName()).orElseThrow());
    }

    /** The orchestrator-side account batch work of this pipeline and model is credited to. */
    String manifest() {
        return pipeline.capabilityId() + "_" + model();
    }
}
