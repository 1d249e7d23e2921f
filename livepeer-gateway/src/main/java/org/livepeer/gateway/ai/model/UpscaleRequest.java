package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /upscale} (multipart): an image upscaled under a prompt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"prompt", "model_id", "safety_check", "seed", "num_inference_steps"})
public final class UpscaleRequest implements MultipartAiRequest<ImageResponse> {

    @JsonIgnore
    private MediaInput image;

    private String prompt;

    @JsonProperty("model_id")
    private String modelId;

    @JsonProperty("safety_check")
    private Boolean safetyCheck;

    private Long seed;

    @JsonProperty("num_inference_steps")
    private Integer numInferenceSteps;

    public UpscaleRequest() {}

    public static UpscaleRequest of(MediaInput image, String prompt) {
        return new UpscaleRequest().setImage(image).setPrompt(prompt);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.UPSCALE;
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

    public UpscaleRequest setImage(MediaInput image) {
        this.image = image;
        return this;
    }

    /** Required. */
    public String prompt() {
        return prompt;
    }

    /** Required. */
    public UpscaleRequest setPrompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public UpscaleRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    public Boolean safetyCheck() {
        return safetyCheck;
    }

    public UpscaleRequest setSafetyCheck(Boolean safetyCheck) {
        this.safetyCheck = safetyCheck;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public UpscaleRequest setSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Integer numInferenceSteps() {
        return numInferenceSteps;
    }

    public UpscaleRequest setNumInferenceSteps(Integer numInferenceSteps) {
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
