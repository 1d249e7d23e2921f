package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /text-to-image} (JSON): images from a prompt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({
    "model_id",
    "loras",
    "prompt",
    "height",
    "width",
    "guidance_scale",
    "negative_prompt",
    "safety_check",
    "seed",
    "num_inference_steps",
    "num_images_per_prompt"
})
public final class TextToImageRequest implements AiRequest<ImageResponse> {

    @JsonProperty("model_id")
    private String modelId;

    private String loras;

    private String prompt;

    private Integer height;

    private Integer width;

    @JsonProperty("guidance_scale")
    private Double guidanceScale;

    @JsonProperty("negative_prompt")
    private String negativePrompt;

    @JsonProperty("safety_check")
    private Boolean safetyCheck;

    private Long seed;

    @JsonProperty("num_inference_steps")
    private Integer numInferenceSteps;

    @JsonProperty("num_images_per_prompt")
    private Integer numImagesPerPrompt;

    public TextToImageRequest() {}

    public static TextToImageRequest of(String prompt) {
        return new TextToImageRequest().setPrompt(prompt);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.TEXT_TO_IMAGE;
    }

    @Override
    public Class<ImageResponse> responseType() {
        return ImageResponse.class;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public TextToImageRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    /** LoRA models and weights as JSON, e.g. {@code {"nerijs/pixel-art-xl": 1.2}}. */
    public String loras() {
        return loras;
    }

    /** LoRA models and weights as JSON, e.g. {@code {"nerijs/pixel-art-xl": 1.2}}. */
    public TextToImageRequest setLoras(String loras) {
        this.loras = loras;
        return this;
    }

    /** Required; several prompts separated by {@code |} where the model supports it. */
    public String prompt() {
        return prompt;
    }

    /** Required; several prompts separated by {@code |} where the model supports it. */
    public TextToImageRequest setPrompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    /** Pixels; the gateway sends 512 when unset. */
    public Integer height() {
        return height;
    }

    /** Pixels; the gateway sends 512 when unset. */
    public TextToImageRequest setHeight(Integer height) {
        this.height = height;
        return this;
    }

    /** Pixels; the gateway sends 512 when unset. */
    public Integer width() {
        return width;
    }

    /** Pixels; the gateway sends 512 when unset. */
    public TextToImageRequest setWidth(Integer width) {
        this.width = width;
        return this;
    }

    public Double guidanceScale() {
        return guidanceScale;
    }

    public TextToImageRequest setGuidanceScale(Double guidanceScale) {
        this.guidanceScale = guidanceScale;
        return this;
    }

    public String negativePrompt() {
        return negativePrompt;
    }

    public TextToImageRequest setNegativePrompt(String negativePrompt) {
        this.negativePrompt = negativePrompt;
        return this;
    }

    public Boolean safetyCheck() {
        return safetyCheck;
    }

    public TextToImageRequest setSafetyCheck(Boolean safetyCheck) {
        this.safetyCheck = safetyCheck;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public TextToImageRequest setSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Integer numInferenceSteps() {
        return numInferenceSteps;
    }

    public TextToImageRequest setNumInferenceSteps(Integer numInferenceSteps) {
        this.numInferenceSteps = numInferenceSteps;
        return this;
    }

    /** The gateway sends 1 when unset. */
    public Integer numImagesPerPrompt() {
        return numImagesPerPrompt;
    }

    /** The gateway sends 1 when unset. */
    public TextToImageRequest setNumImagesPerPrompt(Integer numImagesPerPrompt) {
        this.numImagesPerPrompt = numImagesPerPrompt;
        return this;
    }

    @Override
    public void useModel(String modelId) {
        setModelId(modelId);
    }
}
