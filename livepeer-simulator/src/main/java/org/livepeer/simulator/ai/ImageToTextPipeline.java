package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;
import org.livepeer.simulator.Capability;

/** {@code POST /image-to-text}: a caption derived from the image's size and colours. */
final class ImageToTextPipeline implements BatchPipeline {

    @Override
    public Capability capability() {
        return Capability.IMAGE_TO_TEXT;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        BufferedImage image = InputImages.decode(request);
        long units = (long) image.getHeight() * image.getWidth();
        String prompt = request.string("prompt", "");
        return new PreparedWork(
                modelId,
                units,
                () -> Reply.json(new AiResponses.ImageToTextResponse(ImageCaptioner.caption(image, prompt))));
    }
}
