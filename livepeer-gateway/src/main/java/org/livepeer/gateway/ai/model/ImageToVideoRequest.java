package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /image-to-video} (multipart): a video from an image. The orchestrator answers an {@link ImageResponse} whose entry is the video's download URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({
    "model_id",
    "height",
    "width",
    "fps",
    "motion_bucket_id",
    "noise_aug_strength",
    "seed",
    "safety_check",
    "num_inference_steps"
})
public final class ImageToVideoRequest implements MultipartAiRequest<ImageResponse> {

    @JsonIgnore
    private MediaInput image;

    @JsonProperty("model_id")
    private String modelId;

    private Integer height;

    private Integer width;

    private Integer fps;

    @JsonProperty("motion_bucket_id")
    private Integer motionBucketId;

    @JsonProperty("noise_aug_strength")
    private Double noiseAugStrength;

    private Long seed;

    @JsonProperty("safety_check")
    private Boolean safetyCheck;

    @JsonProperty("num_inference_steps")
    private Integer numInferenceSteps;

    public ImageToVideoRequest() {}

    public static ImageToVideoRequest of(MediaInput image) {
        return new ImageToVideoRequest().setImage(image);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.IMAGE_TO_VIDEO;
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

    public ImageToVideoRequest setImage(MediaInput image) {
        this.image = image;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public ImageToVideoRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    /** The gateway sends 576 when unset. */
    public Integer height() {
        return height;
    }

    /** The gateway sends 576 when unset. */
    public ImageToVideoRequest setHeight(Integer height) {
        this.height = height;
        return this;
    }

    /** The gateway sends 1024 when unset. */
    public Integer width() {
        return width;
    }

    /** The gateway sends 1024 when unset. */
    public ImageToVideoRequest setWidth(Integer width) {
        this.width = width;
        return this;
    }

    public Integer fps() {
        return fps;
    }

    public ImageToVideoRequest setFps(Integer fps) {
        this.fps = fps;
        return this;
    }

    public Integer motionBucketId() {
        return motionBucketId;
    }

    public ImageToVideoRequest setMotionBucketId(Integer motionBucketId) {
        this.motionBucketId = motionBucketId;
        return this;
    }

    public Double noiseAugStrength() {
        return noiseAugStrength;
    }

    public ImageToVideoRequest setNoiseAugStrength(Double noiseAugStrength) {
        this.noiseAugStrength = noiseAugStrength;
        return this;
    }

    public Long seed() {
        return seed;
    }

    public ImageToVideoRequest setSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Boolean safetyCheck() {
        return safetyCheck;
    }

    public ImageToVideoRequest setSafetyCheck(Boolean safetyCheck) {
        this.safetyCheck = safetyCheck;
        return this;
    }

    public Integer numInferenceSteps() {
        return numInferenceSteps;
    }

    public ImageToVideoRequest setNumInferenceSteps(Integer numInferenceSteps) {
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
