package org.livepeer.gateway.ai.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.livepeer.gateway.Pipeline;

/**
 * {@code POST /llm} (JSON): an OpenAI-style chat completion. With {@code stream} set the
 * orchestrator answers server-sent events, one {@link LlmResponse} chunk each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"messages", "model", "temperature", "max_tokens", "top_p", "top_k", "stream"})
public final class LlmRequest implements AiRequest<LlmResponse> {

    private List<LlmMessage> messages = new ArrayList<>();

    private String model;

    private Double temperature;

    @JsonProperty("max_tokens")
    private Integer maxTokens;

    @JsonProperty("top_p")
    private Double topP;

    @JsonProperty("top_k")
    private Integer topK;

    private Boolean stream;

    public LlmRequest() {}

    /** A request with one user message. */
    public static LlmRequest of(String userMessage) {
        return new LlmRequest().addMessage(LlmMessage.user(userMessage));
    }

    @Override
    public Pipeline pipeline() {
        return Pipeline.LLM;
    }

    @Override
    public Class<LlmResponse> responseType() {
        return LlmResponse.class;
    }

    /** The model, sent as {@code model} (not {@code model_id}) on this pipeline. */
    @Override
    public String modelId() {
        return model;
    }

    public LlmRequest setModel(String model) {
        this.model = model;
        return this;
    }

    public List<LlmMessage> messages() {
        return List.copyOf(messages);
    }

    public LlmRequest setMessages(List<LlmMessage> messages) {
        this.messages = new ArrayList<>(messages);
        return this;
    }

    public LlmRequest addMessage(LlmMessage message) {
        this.messages.add(message);
        return this;
    }

    public Double temperature() {
        return temperature;
    }

    public LlmRequest setTemperature(Double temperature) {
        this.temperature = temperature;
        return this;
    }

    /** What the request pays for; the gateway sends 256 when unset, as go-livepeer's does. */
    public Integer maxTokens() {
        return maxTokens;
    }

    public LlmRequest setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    public Double topP() {
        return topP;
    }

    public LlmRequest setTopP(Double topP) {
        this.topP = topP;
        return this;
    }

    public Integer topK() {
        return topK;
    }

    public LlmRequest setTopK(Integer topK) {
        this.topK = topK;
        return this;
    }

    public boolean isStream() {
        return Boolean.TRUE.equals(stream);
    }

    public LlmRequest setStream(Boolean stream) {
        this.stream = stream;
        return this;
    }

    @Override
    public void useModel(String modelId) {
        setModel(modelId);
    }
}
