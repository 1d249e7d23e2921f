package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /image-to-text} (multipart): a caption for an image. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"prompt", "model_id"})
public final class ImageToTextRequest implements MultipartAiRequest<ImageToTextResponse> {

    @JsonIgnore
    private MediaInput image;

    private String prompt;

    @JsonProperty("model_id")
    private String modelId;

    public ImageToTextRequest() {}

    public static ImageToTextRequest of(MediaInput image) {
        return new ImageToTextRequest().setImage(image);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.IMAGE_TO_TEXT;
    }

    @Override
    public Class<ImageToTextResponse> responseType() {
        return ImageToTextResponse.class;
    }

    @Override
    public String mediaField() {
        return "image";
    }

    @Override
    public MediaInput media() {
        return image;
    }

    public ImageToTextRequest setImage(MediaInput image) {
        this.image = image;
        return this;
    }

    public String prompt() {
        return prompt;
    }

    public ImageToTextRequest setPrompt(String prompt) {
        this.prompt = prompt;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public ImageToTextRequest setModelId(String modelId) {
        this.modelId = modelId;
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
