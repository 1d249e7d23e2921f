package org.livepeer.gateway.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.model.AiRequest;
import org.livepeer.gateway.ai.model.AudioToTextRequest;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.gateway.ai.model.MultipartAiRequest;

/**
 * Turns a typed request into what go-livepeer's gateway sends: JSON for text-to-image, llm and
 * text-to-speech, multipart for the others; the defaults it fills in before sending (512 × 512 and
 * one image for text-to-image, one image for image-to-image, 256 {@code max_tokens} for llm, the
 * audio's duration in {@code metadata}); and the units it pays for.
 */
final class RequestEncoder {

    private final ObjectMapper json;

    RequestEncoder(ObjectMapper json) {
        this.json = json;
    }

    PreparedRequest prepare(AiRequest<?> request) {
        return prepare(request, false);
    }

    /** As {@link #prepare(AiRequest)}; {@code stream} asks an llm for server-sent events without changing the request. */
    PreparedRequest prepare(AiRequest<?> request, boolean stream) {
        Pipeline pipeline = request.pipeline();
        String model = request.modelId() == null || request.modelId().isBlank()
                ? DefaultModels.of(pipeline)
                : request.modelId();
        ObjectNode wire = json.valueToTree(request);
        wire.put(pipeline == Pipeline.LLM ? "model" : "model_id", model);
        if (stream) {
            wire.put("stream", true);
        }
        if (request instanceof MultipartAiRequest<?> multipart) {
            MediaInput media = multipart.media();
            if (media == null) {
                throw new InvalidAiRequestException(pipeline + ": " + multipart.mediaField() + " is required");
            }
            long units = multipartUnits(multipart, wire, media);
            return multipart(pipeline, model, units, multipart.mediaField(), media, wire);
        }
        long units = jsonUnits(pipeline, wire);
        boolean streaming = pipeline == Pipeline.LLM && wire.path("stream").asBoolean(false);
        return new PreparedRequest(pipeline, model, units, "application/json", bytes(wire), null, streaming);
    }

    private static long jsonUnits(Pipeline pipeline, ObjectNode wire) {
        switch (pipeline) {
            case TEXT_TO_IMAGE -> {
                int height = defaulted(wire, "height", 512);
                int width = defaulted(wire, "width", 512);
                int images = atLeastOne(wire, "num_images_per_prompt");
                return (long) height * width * images;
            }
            case LLM -> {
                return defaulted(wire, "max_tokens", 256);
            }
            case TEXT_TO_SPEECH -> {
                JsonNode text = wire.get("text");
                if (text == null || text.isNull()) {
                    throw new InvalidAiRequestException("text-to-speech: text field is required");
                }
                // go-livepeer pays for len(text): bytes of UTF-8
                return text.asText().getBytes(StandardCharsets.UTF_8).length;
            }
            default -> throw new IllegalArgumentException(pipeline + " is not a JSON pipeline");
        }
    }

    private static long multipartUnits(MultipartAiRequest<?> request, ObjectNode wire, MediaInput media) {
        switch (request.pipeline()) {
            case IMAGE_TO_IMAGE -> {
                int images = atLeastOne(wire, "num_images_per_prompt");
                return ImageDimensions.of(media).pixels() * images;
            }
            case IMAGE_TO_VIDEO -> {
                // priced at 25 frames of the requested size; the defaults are not sent
                int height = wire.path("height").asInt(576);
                int width = wire.path("width").asInt(1024);
                return (long) height * width * 25;
            }
            case UPSCALE, SEGMENT_ANYTHING_2, IMAGE_TO_TEXT -> {
                return ImageDimensions.of(media).pixels();
            }
            case AUDIO_TO_TEXT -> {
                Long given = ((AudioToTextRequest) request).durationSeconds();
                long seconds = given != null ? given : WavDuration.wholeSeconds(media);
                if (seconds <= 0) {
                    throw new InvalidAiRequestException(
                            "audio-to-text: unable to calculate the audio's duration (WAV is read; for other formats"
                                    + " set durationSeconds)");
                }
                wire.put("metadata", "{\"duration\":\"" + seconds + "\"}");
                return seconds * 1000;
            }
            default -> throw new IllegalArgumentException(request.pipeline() + " is not a multipart pipeline");
        }
    }

    private static PreparedRequest multipart(
            Pipeline pipeline, String model, long units, String field, MediaInput media, ObjectNode wire) {
        MultipartForm form = new MultipartForm(field, media.filename() == null ? field : media.filename());
        for (Iterator<Map.Entry<String, JsonNode>> fields = wire.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            form.field(entry.getKey(), formValue(entry.getValue()));
        }
        byte[] head = form.head();
        byte[] tail = form.tail();
        byte[] inMemory = media.inMemory();
        if (inMemory != null) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(head.length + inMemory.length + tail.length);
            body.writeBytes(head);
            body.writeBytes(inMemory);
            body.writeBytes(tail);
            return new PreparedRequest(pipeline, model, units, form.contentType(), body.toByteArray(), null, false);
        }
        return new PreparedRequest(
                pipeline, model, units, form.contentType(), null, new PreparedRequest.Upload(head, media, tail), false);
    }

    /** Form values as go formats them: floats with {@code %f}, booleans as {@code true}/{@code false}. */
    private static String formValue(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            return String.format(Locale.ROOT, "%f", value.doubleValue());
        }
        return value.asText();
    }

    private static int defaulted(ObjectNode wire, String field, int value) {
        JsonNode node = wire.get(field);
        if (node == null || node.isNull()) {
            wire.put(field, value);
            return value;
        }
        return node.asInt();
    }

    private static int atLeastOne(ObjectNode wire, String field) {
        int value = Math.max(1, wire.path(field).asInt(1));
        wire.put(field, value);
        return value;
    }

    private byte[] bytes(ObjectNode wire) {
        try {
            return json.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new InvalidAiRequestException("cannot encode the request: " + e.getOriginalMessage(), e);
        }
    }
}
