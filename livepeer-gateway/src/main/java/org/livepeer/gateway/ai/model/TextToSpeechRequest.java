package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /text-to-speech} (JSON): speech audio for a text. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"model_id", "text", "description"})
public final class TextToSpeechRequest implements AiRequest<AudioResponse> {

    @JsonProperty("model_id")
    private String modelId;

    private String text;

    private String description;

    public TextToSpeechRequest() {}

    public static TextToSpeechRequest of(String text) {
        return new TextToSpeechRequest().setText(text);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.TEXT_TO_SPEECH;
    }

    @Override
    public Class<AudioResponse> responseType() {
        return AudioResponse.class;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public TextToSpeechRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    /** Required. */
    public String text() {
        return text;
    }

    /** Required. */
    public TextToSpeechRequest setText(String text) {
        this.text = text;
        return this;
    }

    /** How the speaker should sound. */
    public String description() {
        return description;
    }

    /** How the speaker should sound. */
    public TextToSpeechRequest setDescription(String description) {
        this.description = description;
        return this;
    }

    @Override
    public void useModel(String modelId) {
        setModelId(modelId);
    }
}
