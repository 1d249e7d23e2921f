package org.livepeer.simulator.ai;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.livepeer.simulator.Capability;

/**
 * {@code POST /llm}: OpenAI-style chat completion, whole or as server-sent events. go-livepeer
 * requires {@code max_tokens} and bills it, whatever the answer's length.
 */
final class LlmPipeline implements BatchPipeline {

    private static final String NAME = "llm";
    private static final String GO_STRUCT = "LLMRequest";

    private final Duration chunkInterval;
    private final boolean doneMarker;

    LlmPipeline(Duration chunkInterval, boolean doneMarker) {
        this.chunkInterval = chunkInterval;
        this.doneMarker = doneMarker;
    }

    @Override
    public Capability capability() {
        return Capability.LLM;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return JsonFields.parse(body, GO_STRUCT);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        JsonFields json = (JsonFields) request;
        List<LlmResponder.Message> messages = messages(json);
        String model = request.mandatory("model");
        Integer maxTokens = request.integer("max_tokens");
        if (maxTokens == null) {
            throw AiHttpError.badRequest("MaxTokens not specified");
        }
        boolean stream = request.bool("stream", false);
        return new PreparedWork(model, maxTokens, () -> {
            if (messages == null) {
                throw AiHttpError.runnerMissingField(NAME, "messages");
            }
            if (messages.isEmpty() || maxTokens < 1) {
                throw AiHttpError.runnerFailure(NAME, "Internal server error during LLM processing.");
            }
            LlmResponder.Completion completion = LlmResponder.complete(model, messages, maxTokens);
            String id = "chatcmpl-" + UUID.nameUUIDFromBytes((model + messages).getBytes(StandardCharsets.UTF_8));
            long created = Instant.now().getEpochSecond();
            return stream
                    ? new LlmStreamReply(chunks(completion, id, model, created), chunkInterval, doneMarker)
                    : Reply.json(whole(completion, id, model, created));
        });
    }

    /** Decodes {@code messages} as Go does: null when absent, 400 when not a list of messages. */
    private static List<LlmResponder.Message> messages(JsonFields json) throws AiHttpError {
        JsonNode node = json.node("messages");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw json.mismatch(node, "messages", "[]worker.LLMMessage");
        }
        List<LlmResponder.Message> messages = new ArrayList<>();
        for (JsonNode message : node) {
            if (!message.isObject()) {
                throw json.mismatch(message, "messages", "worker.LLMMessage");
            }
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if ((role != null && !role.isTextual() && !role.isNull())
                    || (content != null && !content.isTextual() && !content.isNull())) {
                throw json.mismatch(message, "messages", "worker.LLMMessage");
            }
            messages.add(new LlmResponder.Message(
                    role == null ? "" : role.asText(""), content == null ? "" : content.asText("")));
        }
        return messages;
    }

    private static AiResponses.LlmResponse whole(
            LlmResponder.Completion completion, String id, String model, long created) {
        AiResponses.LlmChoice choice =
                new AiResponses.LlmChoice(0, "stop", null, new AiResponses.LlmMessage("assistant", completion.text()));
        return new AiResponses.LlmResponse(
                id, model, created, usage(completion, completion.tokens().size()), List.of(choice));
    }

    /** Pieces of one to three tokens, then an empty delta with finish reason "stop", as the runner streams. */
    private static List<AiResponses.LlmResponse> chunks(
            LlmResponder.Completion completion, String id, String model, long created) {
        List<AiResponses.LlmResponse> chunks = new ArrayList<>();
        List<String> tokens = completion.tokens();
        int sent = 0;
        while (sent < tokens.size()) {
            int size = Math.min(tokens.size() - sent, 1 + (tokens.get(sent).length() % 3));
            String piece = String.join("", tokens.subList(sent, sent + size));
            sent += size;
            chunks.add(chunk(completion, id, model, created, sent, piece, ""));
        }
        chunks.add(chunk(completion, id, model, created, sent, "", "stop"));
        return chunks;
    }

    private static AiResponses.LlmResponse chunk(
            LlmResponder.Completion completion,
            String id,
            String model,
            long created,
            int tokensSoFar,
            String piece,
            String finishReason) {
        AiResponses.LlmChoice choice =
                new AiResponses.LlmChoice(0, finishReason, new AiResponses.LlmMessage("assistant", piece), null);
        return new AiResponses.LlmResponse(id, model, created, usage(completion, tokensSoFar), List.of(choice));
    }

    private static AiResponses.LlmTokenUsage usage(LlmResponder.Completion completion, int completionTokens) {
        return new AiResponses.LlmTokenUsage(
                completion.promptTokens(), completionTokens, completion.promptTokens() + completionTokens);
    }
}
