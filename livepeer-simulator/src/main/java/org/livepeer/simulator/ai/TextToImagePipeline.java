package org.livepeer.simulator.ai;

import java.util.ArrayList;
import java.util.List;
import org.livepeer.simulator.Capability;

/** {@code POST /text-to-image}: JSON in, PNGs of the requested size out. */
final class TextToImagePipeline implements BatchPipeline {

    private static final String NAME = "text-to-image";

    private final long maxOutputPixels;

    TextToImagePipeline(long maxOutputPixels) {
        this.maxOutputPixels = maxOutputPixels;
    }

    @Override
    public Capability capability() {
        return Capability.TEXT_TO_IMAGE;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return JsonFields.parse(body, "TextToImageParams");
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        Integer height = request.integer("height");
        Integer width = request.integer("width");
        int count = request.integer("num_images_per_prompt", 1);
        // go-livepeer bills 512x512 when no size is given, although the runner then makes 1024x576.
        long units = (long) (height == null ? 512 : height) * (width == null ? 512 : width) * count;
        String prompt = request.string("prompt");
        Integer seed = request.integer("seed");
        return new PreparedWork(modelId, units, () -> {
            if (prompt == null) {
                throw AiHttpError.runnerMissingField(NAME, "prompt");
            }
            int outHeight = height == null ? 576 : height;
            int outWidth = width == null ? 1024 : width;
            if (outHeight < 1 || outWidth < 1 || count < 1) {
                throw AiHttpError.runnerBadRequest(NAME, "height, width and num_images_per_prompt must be positive.");
            }
            if ((long) outHeight * outWidth * count > maxOutputPixels) {
                throw AiHttpError.runnerOutOfMemory(NAME);
            }
            long firstSeed = seed != null ? seed : Seeds.of(modelId + "\n" + prompt);
            List<AiResponses.Media> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long imageSeed = firstSeed + i;
                byte[] png =
                        ImageCodec.png(ImagePainter.generate(Seeds.of(prompt + "#" + imageSeed), outWidth, outHeight));
                images.add(new AiResponses.Media(media.png(png), imageSeed, false));
            }
            return Reply.json(new AiResponses.ImageResponse(images));
        });
    }
}
