package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /segment-anything-2} (multipart): masks of the objects at given points or boxes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({
    "model_id",
    "point_coords",
    "point_labels",
    "box",
    "mask_input",
    "multimask_output",
    "return_logits",
    "normalize_coords"
})
public final class SegmentAnything2Request implements MultipartAiRequest<MasksResponse> {

    @JsonIgnore
    private MediaInput image;

    @JsonProperty("model_id")
    private String modelId;

    @JsonProperty("point_coords")
    private String pointCoords;

    @JsonProperty("point_labels")
    private String pointLabels;

    private String box;

    @JsonProperty("mask_input")
    private String maskInput;

    @JsonProperty("multimask_output")
    private Boolean multimaskOutput;

    @JsonProperty("return_logits")
    private Boolean returnLogits;

    @JsonProperty("normalize_coords")
    private Boolean normalizeCoords;

    public SegmentAnything2Request() {}

    public static SegmentAnything2Request of(MediaInput image) {
        return new SegmentAnything2Request().setImage(image);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.SEGMENT_ANYTHING_2;
    }

    @Override
    public Class<MasksResponse> responseType() {
        return MasksResponse.class;
    }

    @Override
    public String mediaField() {
        return "image";
    }

    @Override
    public MediaInput media() {
        return image;
    }

    public SegmentAnything2Request setImage(MediaInput image) {
        this.image = image;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public SegmentAnything2Request setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    /** JSON nested list, e.g. {@code [[120,200],[300,150]]}. */
    public String pointCoords() {
        return pointCoords;
    }

    /** JSON nested list, e.g. {@code [[120,200],[300,150]]}. */
    public SegmentAnything2Request setPointCoords(String pointCoords) {
        this.pointCoords = pointCoords;
        return this;
    }

    /** JSON list, 1 foreground, 0 background. */
    public String pointLabels() {
        return pointLabels;
    }

    /** JSON list, 1 foreground, 0 background. */
    public SegmentAnything2Request setPointLabels(String pointLabels) {
        this.pointLabels = pointLabels;
        return this;
    }

    /** JSON list {@code [x1,y1,x2,y2]}. */
    public String box() {
        return box;
    }

    /** JSON list {@code [x1,y1,x2,y2]}. */
    public SegmentAnything2Request setBox(String box) {
        this.box = box;
        return this;
    }

    public String maskInput() {
        return maskInput;
    }

    public SegmentAnything2Request setMaskInput(String maskInput) {
        this.maskInput = maskInput;
        return this;
    }

    public Boolean multimaskOutput() {
        return multimaskOutput;
    }

    public SegmentAnything2Request setMultimaskOutput(Boolean multimaskOutput) {
        this.multimaskOutput = multimaskOutput;
        return this;
    }

    public Boolean returnLogits() {
        return returnLogits;
    }

    public SegmentAnything2Request setReturnLogits(Boolean returnLogits) {
        this.returnLogits = returnLogits;
        return this;
    }

    public Boolean normalizeCoords() {
        return normalizeCoords;
    }

    public SegmentAnything2Request setNormalizeCoords(Boolean normalizeCoords) {
        this.normalizeCoords = normalizeCoords;
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
