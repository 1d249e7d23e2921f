package org.livepeer.simulator.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import org.livepeer.simulator.Capability;

/** {@code POST /segment-anything-2}: masks, scores and logits for a box or point prompt. */
final class SegmentAnything2Pipeline implements BatchPipeline {

    private static final String NAME = "segment-anything-2";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Masks are printed as text, about six characters a pixel: keep them well below the pixel cap. */
    private static final int TEXT_PIXEL_DIVISOR = 16;

    private final long maxInputPixels;

    SegmentAnything2Pipeline(long maxOutputPixels) {
        this.maxInputPixels = maxOutputPixels / TEXT_PIXEL_DIVISOR;
    }

    @Override
    public Capability capability() {
        return Capability.SEGMENT_ANYTHING_2;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        BufferedImage image = InputImages.decode(request);
        int width = image.getWidth();
        int height = image.getHeight();
        long units = (long) height * width;
        String box = request.string("box");
        String points = request.string("point_coords");
        boolean multimask = request.bool("multimask_output", true);
        boolean logits = request.bool("return_logits", true);
        return new PreparedWork(modelId, units, () -> {
            if (units > maxInputPixels) {
                throw AiHttpError.runnerOutOfMemory(NAME);
            }
            MaskPredictor.Region region = region(width, height, box, points);
            return Reply.json(MaskPredictor.predict(width, height, region, multimask, logits));
        });
    }

    private static MaskPredictor.Region region(int width, int height, String box, String points) throws AiHttpError {
        JsonNode boxArray = array(box, "box");
        if (boxArray != null && boxArray.size() == 4) {
            double x1 = boxArray.get(0).asDouble();
            double y1 = boxArray.get(1).asDouble();
            double x2 = boxArray.get(2).asDouble();
            double y2 = boxArray.get(3).asDouble();
            return new MaskPredictor.Region((x1 + x2) / 2, (y1 + y2) / 2, Math.abs(x2 - x1) / 2, Math.abs(y2 - y1) / 2);
        }
        JsonNode pointArray = array(points, "point_coords");
        double radiusX = width / 4.0;
        double radiusY = height / 4.0;
        if (pointArray != null && pointArray.size() > 0 && pointArray.get(0).size() == 2) {
            JsonNode first = pointArray.get(0);
            return new MaskPredictor.Region(
                    first.get(0).asDouble(), first.get(1).asDouble(), radiusX, radiusY);
        }
        return new MaskPredictor.Region(width / 2.0, height / 2.0, radiusX, radiusY);
    }

    private static JsonNode array(String text, String field) throws AiHttpError {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isArray() ? node : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AiHttpError.runnerBadRequest(NAME, "Error parsing JSON for " + field + ": " + e.getOriginalMessage());
        }
    }
}
