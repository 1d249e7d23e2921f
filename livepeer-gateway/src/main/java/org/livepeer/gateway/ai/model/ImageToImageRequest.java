package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /image-to-image} (multipart): an image transformed under a prompt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({
    "prompt",
    "model_id",
    "loras",
    "strength",
    "guidance_scale",
    "image_guidance_scale",
    "negative_prompt",
    "safety_check",
    "seed",
    "num_images_per_prompt",
    "num_inference_steps"
})
public final class ImageToImageRequest implements MultipartAiRequest<ImageResponse> {

    @JsonIgnore
    private MediaInput image;

    private String prompt;

    @JsonProperty("model_id")
    private String modelId;

    private String loras;

    private Double strength;

    @JsonProperty("guidance_scale")
    private Double guidanceScale;

    @JsonProperty("image_guidance_scale")
    private Double imageGuidanceScale;

    @JsonProperty("negative_prompt")
    private String negativePrompt;

    @JsonProperty("safety_check")
    private Boolean safetyCheck;

    private Long seed;

    @JsonProperty("num_images_per_prompt")
    private Integer numImagesPerPrompt;

    @JsonProperty("num_inference_steps")
    private Integer numInferenceSteps;

    public ImageToImageRequest() {}

    public static ImageToImageRequest of(MediaInput image, String prompt) {
        return new ImageToImageRequest().setImage(image).setPrompt(prompt);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.IMAGE_TO_IMAGE;
    }

    @Override
    public Class<ImageResponse> responseType() {
        return ImageResponse.class;
    }

    @Override
    public String mediaField() {
        return "image";
    }

    @Override
    public MediaInput media() {
        return image;
    }

    public ImageToImageRequest setImage(MediaInput image) {
        this.image = image;
        return this;
    }

    /** Required. */
    public String prompt() {
        return prompt;
    }

    /** Required. */
    public ImageToImageRequest setPrompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public ImageToImageRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    public String loras() {
        return loras;
    }

    public ImageToImageRequest setLoras(String loras) {
        this.loras = loras;
        return this;
    }

    public Double strength() {
        return strength;
    }

    public ImageToImageRequest setStrength(Double strength) {
        this.strength = strength;
        return this;
    }

    public Double guidanceScale() {
        return guidanceScale;
    }

    public ImageToImageRequest setGuidanceScale(Double guidanceScale) {
        this.guidanceScale = guidanceScale;
        return this;
    }

    public Double imageGuidanceScale() {
        return imageGuidanceScale;
    }

    public ImageToImageRequest setImageGuidanceScale(Double imageGuidanceScale) {
        this.imageGuidanceScale = imageGuidanceScale;
        return this;
    }

    public String negativePrompt() {
        return negativePrompt;
    }

    public ImageToImageRequest setNegativePrompt(String negativePrompt) {
        this.negativePrompt = negativePrompt;
        return this;
    }

    public Boolean safetyCheck() {
        return safetyCheck;
    }

    public ImageToImageRequest setSafetyCheck(Boolean safetyCheck) {
        this.safetyCheck = safetyCheck;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public ImageToImageRequest setSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    /** The gateway sends 1 when unset. */
    public Integer numImagesPerPrompt() {
        return numImagesPerPrompt;
    }

    /** The gateway sends 1 when unset. */
    public ImageToImageRequest setNumImagesPerPrompt(Integer numImagesPerPrompt) {
        this.numImagesPerPrompt = numImagesPerPrompt;
        return this;
    }

    public Integer numInferenceSteps() {
        return numInferenceSteps;
    }

    public ImageToImageRequest setNumInferenceSteps(Integer numInferenceSteps) {
        this.numInferenceSteps = numInferenceSteps;
        return this;
    }

    @Override
    public void useModel(String modelId) {
        setModelId(modelId);
    }

    @Override
    public void attach(MediaInput media) {
        setImage(media);
    }
}
