package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.livepeer.gateway.Pipeline;

/** {@code POST /audio-to-text} (multipart): a transcript of an audio file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"model_id", "return_timestamps"})
public final class AudioToTextRequest implements MultipartAiRequest<TextResponse> {

    @JsonIgnore
    private MediaInput audio;

    @JsonProperty("model_id")
    private String modelId;

    @JsonProperty("return_timestamps")
    private String returnTimestamps;

    @JsonIgnore
    private Long durationSeconds;

    public AudioToTextRequest() {}

    public static AudioToTextRequest of(MediaInput audio) {
        return new AudioToTextRequest().setAudio(audio);
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.AUDIO_TO_TEXT;
    }

    @Override
    public Class<TextResponse> responseType() {
        return TextResponse.class;
    }

    @Override
    public String mediaField() {
        return "audio";
    }

    @Override
    public MediaInput media() {
        return audio;
    }

    public AudioToTextRequest setAudio(MediaInput audio) {
        this.audio = audio;
        return this;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public AudioToTextRequest setModelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    /** {@code true}, {@code false} or {@code word}. */
    public String returnTimestamps() {
        return returnTimestamps;
    }

    /** {@code true}, {@code false} or {@code word}. */
    public AudioToTextRequest setReturnTimestamps(String returnTimestamps) {
        this.returnTimestamps = returnTimestamps;
        return this;
    }

    /** The audio's length in whole seconds, when given instead of read from a WAV header. */
    public Long durationSeconds() {
        return durationSeconds;
    }

    /**
     * Sets the audio's length in whole seconds. The gateway pays for it and tells the orchestrator;
     * it reads it from WAV headers itself, other formats need it here (go-livepeer's gateway uses
     * ffprobe).
     */
    public AudioToTextRequest setDurationSeconds(Long durationSeconds) {
        this.durationSeconds = durationSeconds;
        return this;
    }

    @Override
    public void useModel(String modelId) {
        setModelId(modelId);
    }

    @Override
    public void attach(MediaInput media) {
        setAudio(media);
    }
}
