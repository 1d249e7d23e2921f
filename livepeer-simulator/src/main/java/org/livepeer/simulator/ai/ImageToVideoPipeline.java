package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.livepeer.simulator.Capability;

/**
 * {@code POST /image-to-video}: 25 frames zooming into the image, in an MP4 served for download.
 * Like go-livepeer's orchestrator (which transcodes the runner's frames), the answer is an
 * {@code ImageResponse} whose single entry is the video's URL, not the runner's
 * {@code VideoResponse}.
 */
final class ImageToVideoPipeline implements BatchPipeline {

    /** Frames of stable-video-diffusion-img2vid-xt, which go-livepeer bills for. */
    static final int FRAMES = 25;

    private static final String NAME = "image-to-video";

    private final long maxOutputPixels;

    ImageToVideoPipeline(long maxOutputPixels) {
        this.maxOutputPixels = maxOutputPixels;
    }

    @Override
    public Capability capability() {
        return Capability.IMAGE_TO_VIDEO;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        int height = request.integer("height", 576);
        int width = request.integer("width", 1024);
        long units = (long) height * width * FRAMES;
        // go-livepeer encodes at 7 fps when the request names none.
        int fps = request.integer("fps", 7);
        int motion = request.integer("motion_bucket_id", 127);
        Integer seed = request.integer("seed");
        RequestFields.UploadedFile image = request.file("image");
        return new PreparedWork(modelId, units, () -> {
            if (image == null) {
                throw AiHttpError.runnerMissingField(NAME, "image");
            }
            if (height < 1 || width < 1 || fps < 1) {
                throw AiHttpError.runnerBadRequest(NAME, "height, width and fps must be positive.");
            }
            if ((long) height * width > maxOutputPixels) {
                throw AiHttpError.runnerOutOfMemory(NAME);
            }
            BufferedImage source;
            try {
                source = ImageCodec.decode(image.bytes());
            } catch (AiHttpError e) {
                throw AiHttpError.runnerFailure(NAME, "Image-to-video pipeline error.");
            }
            double finalZoom = 1 + Math.max(0, Math.min(255, motion)) / 255.0 * 0.5;
            List<byte[]> frames = new ArrayList<>(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                double zoom = 1 + (finalZoom - 1) * i / (FRAMES - 1);
                frames.add(ImageCodec.jpeg(ImagePainter.zoomed(source, zoom, width, height), 0.8f));
            }
            byte[] mp4 = MotionJpegMp4.write(frames, width, height, fps);
            long usedSeed = seed != null ? seed : Seeds.of(image.bytes());
            return Reply.json(
                    new AiResponses.ImageResponse(List.of(new AiResponses.Media(media.mp4(mp4), usedSeed, false))));
        });
    }
}
