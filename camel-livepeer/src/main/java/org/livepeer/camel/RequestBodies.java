package org.livepeer.camel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.InvalidAiRequestException;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.AudioToTextRequest;
import org.livepeer.gateway.ai.model.ImageToImageRequest;
import org.livepeer.gateway.ai.model.ImageToTextRequest;
import org.livepeer.gateway.ai.model.ImageToVideoRequest;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.gateway.ai.model.MultipartAiRequest;
import org.livepeer.gateway.ai.model.SegmentAnything2Request;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.ai.model.TextToSpeechRequest;
import org.livepeer.gateway.ai.model.UpscaleRequest;

/**
 * Turns a message body into a typed pipeline request. Accepted: the typed request itself; a Map
 * or a JSON object string of request fields; or the natural payload — a prompt (text-to-image,
 * llm, text-to-speech) or media (an image or audio: anything {@code media} reads, such as a file,
 * bytes or a stream; a text body is a file's path where the pipeline takes no text) — with
 * the other fields from the endpoint's {@code fields} and the {@code CamelLivepeerFields}
 * header. Fields given later win: the endpoint's fields, then the header, then the body.
 */
final class RequestBodies {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private RequestBodies() {}

    static AiRequest<?> toRequest(
            Pipeline pipeline,
            Object body,
            Map<String, Object> fields,
            String modelId,
            BiFunction<String, Object, MediaInput> media) {
        if (body instanceof AiRequest<?> typed) {
            if (typed.pipeline() != pipeline) {
                throw new InvalidAiRequestException(
                        "the body is a " + typed.pipeline() + " request but the endpoint runs " + pipeline);
            }
            return typed.modelId() == null && modelId != null ? withModel(typed, modelId) : typed;
        }
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        MediaInput input = null;
        String mediaField = mediaField(pipeline);
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> merged.put(String.valueOf(k), v));
        } else if (body instanceof String text && text.trim().startsWith("{")) {
            merged.putAll(parseBody(text));
        } else if (body instanceof String text && takesText(pipeline)) {
            putNaturalText(pipeline, text, merged);
        } else if (body != null) {
            if (mediaField == null) {
                throw new InvalidAiRequestException(pipeline + " cannot use a body of type "
                        + body.getClass().getName() + "; expected a request, a Map, JSON or text");
            }
            input = media.apply(mediaField, body);
        }
        Object fieldValue = mediaField == null ? null : merged.remove(mediaField);
        if (input == null && fieldValue != null) {
            input = media.apply(mediaField, fieldValue);
        }
        if (!merged.containsKey(modelKey(pipeline)) && modelId != null) {
            merged.put(modelKey(pipeline), modelId);
        }
        AiRequest<?> request;
        try {
            request = JSON.convertValue(merged, requestType(pipeline));
        } catch (IllegalArgumentException e) {
            // Jackson's own exception (an unknown or mistyped field) becomes the documented type
            throw new InvalidAiRequestException(
                    "cannot make a " + pipeline + " request from the given fields: " + rootMessage(e), e);
        }
        if (mediaField != null) {
            if (input == null) {
                throw new InvalidAiRequestException(pipeline + " needs the " + mediaField
                        + " as the body (a file, a path, byte[], a ByteBuffer or an InputStream) or as the '"
                        + mediaField + "' field");
            }
            ((MultipartAiRequest<?>) request).attach(input);
        }
        return request;
    }

    /** A JSON object body; anything else is a bad request, not a bad option. */
    static Map<String, Object> parseBody(String json) {
        try {
            return parseJson("body", json);
        } catch (ConfigurationException e) {
            throw new InvalidAiRequestException("the body is " + e.getMessage().replaceFirst("^.*?: ", ""), e);
        }
    }

    /**
     * A copy of the caller's request with the model set: the caller's object stays as it was, so a
     * redelivery or a multicast to endpoints with other models sends what the caller built.
     */
    private static AiRequest<?> withModel(AiRequest<?> typed, String modelId) {
        AiRequest<?> copy = JSON.convertValue(typed, typed.getClass());
        copy.useModel(modelId);
        if (typed instanceof MultipartAiRequest<?> multipart) {
            ((MultipartAiRequest<?>) copy).attach(multipart.media());
        }
        return copy;
    }

    static Map<String, Object> parseJson(String option, String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(json, Map.class);
            return map;
        } catch (Exception e) {
            throw new ConfigurationException(option, "not a JSON object: " + rootMessage(e));
        }
    }

    private static void putNaturalText(Pipeline pipeline, String text, Map<String, Object> fields) {
        switch (pipeline) {
            case TEXT_TO_IMAGE, IMAGE_TO_IMAGE, UPSCALE -> fields.put("prompt", text);
            case TEXT_TO_SPEECH -> fields.put("text", text);
            case LLM -> fields.put("messages", List.of(Map.of("role", "user", "content", text)));
            default -> throw new InvalidAiRequestException(pipeline + " takes no text");
        }
    }

    private static boolean takesText(Pipeline pipeline) {
        return switch (pipeline) {
            case TEXT_TO_IMAGE, IMAGE_TO_IMAGE, UPSCALE, TEXT_TO_SPEECH, LLM -> true;
            default -> false;
        };
    }

    private static String mediaField(Pipeline pipeline) {
        return switch (pipeline) {
            case IMAGE_TO_IMAGE, IMAGE_TO_VIDEO, UPSCALE, SEGMENT_ANYTHING_2, IMAGE_TO_TEXT -> "image";
            case AUDIO_TO_TEXT -> "audio";
            default -> null;
        };
    }

    private static String modelKey(Pipeline pipeline) {
        return pipeline == Pipeline.LLM ? "model" : "model_id";
    }

    private static Class<? extends AiRequest<?>> requestType(Pipeline pipeline) {
        return switch (pipeline) {
            case TEXT_TO_IMAGE -> TextToImageRequest.class;
            case IMAGE_TO_IMAGE -> ImageToImageRequest.class;
            case IMAGE_TO_VIDEO -> ImageToVideoRequest.class;
            case UPSCALE -> UpscaleRequest.class;
            case AUDIO_TO_TEXT -> AudioToTextRequest.class;
            case LLM -> LlmRequest.class;
            case SEGMENT_ANYTHING_2 -> SegmentAnything2Request.class;
            case IMAGE_TO_TEXT -> ImageToTextRequest.class;
            case TEXT_TO_SPEECH -> TextToSpeechRequest.class;
            case LIVE_VIDEO_TO_VIDEO -> throw new InvalidAiRequestException(
                    "live-video-to-video is not a batch pipeline");
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
