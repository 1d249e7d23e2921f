package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.livepeer.simulator.Capability;

/** {@code POST /image-to-image}: multipart in, the image recoloured towards a prompt tint out. */
final class ImageToImagePipeline implements BatchPipeline {

    private static final String NAME = "image-to-image";

    private final long maxOutputPixels;

    ImageToImagePipeline(long maxOutputPixels) {
        this.maxOutputPixels = maxOutputPixels;
    }

    @Override
    public Capability capability() {
        return Capability.IMAGE_TO_IMAGE;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        BufferedImage source = InputImages.decode(request);
        int count = request.integer("num_images_per_prompt", 1);
        long units = (long) source.getHeight() * source.getWidth() * count;
        String prompt = request.string("prompt");
        double strength = request.number("strength", 0.8);
        Integer seed = request.integer("seed");
        return new PreparedWork(modelId, units, () -> {
            if (prompt == null) {
                throw AiHttpError.runnerMissingField(NAME, "prompt");
            }
            if (count < 1) {
                throw AiHttpError.runnerBadRequest(NAME, "num_images_per_prompt must be positive.");
            }
            if (units > maxOutputPixels) {
                throw AiHttpError.runnerOutOfMemory(NAME);
            }
            long firstSeed = seed != null ? seed : Seeds.of(modelId + "\n" + prompt);
            List<AiResponses.Media> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long imageSeed = firstSeed + i;
                BufferedImage result = ImagePainter.tint(source, Seeds.of(prompt + "#" + imageSeed), strength);
                images.add(new AiResponses.Media(media.png(ImageCodec.png(result)), imageSeed, false));
            }
            return Reply.json(new AiResponses.ImageResponse(images));
        });
    }
}
