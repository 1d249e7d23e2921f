package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;
import java.util.List;
import org.livepeer.simulator.Capability;

/** {@code POST /upscale}: the image enlarged four times, as the x4 upscaler models do. */
final class UpscalePipeline implements BatchPipeline {

    static final int FACTOR = 4;
    private static final String NAME = "upscale";

    private final long maxOutputPixels;

    UpscalePipeline(long maxOutputPixels) {
        this.maxOutputPixels = maxOutputPixels;
    }

    @Override
    public Capability capability() {
        return Capability.UPSCALE;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        BufferedImage source = InputImages.decode(request);
        long units = (long) source.getHeight() * source.getWidth();
        String prompt = request.string("prompt");
        Integer seed = request.integer("seed");
        return new PreparedWork(modelId, units, () -> {
            if (prompt == null) {
                throw AiHttpError.runnerMissingField(NAME, "prompt");
            }
            if (units * FACTOR * FACTOR > maxOutputPixels) {
                throw AiHttpError.runnerOutOfMemory(NAME);
            }
            long usedSeed = seed != null ? seed : Seeds.of(modelId + "\n" + prompt);
            byte[] png = ImageCodec.png(ImagePainter.enlarge(source, FACTOR));
            return Reply.json(
                    new AiResponses.ImageResponse(List.of(new AiResponses.Media(media.png(png), usedSeed, false))));
        });
    }
}
