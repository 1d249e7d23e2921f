package org.livepeer.gateway.ai;

import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.model.MediaInput;

/**
 * A request ready for the wire: its pipeline and effective model, the units it pays for, and the
 * body (whole, or a multipart upload whose media is streamed between a head and a tail).
 */
record PreparedRequest(
        Pipeline pipeline,
        String modelId,
        long units,
        String contentType,
        byte[] body,
        Upload upload,
        boolean streaming) {

    /** A multipart body whose media is read while it is sent. */
    record Upload(byte[] head, MediaInput media, byte[] tail) {}

    boolean isUpload() {
        return upload != null;
    }

    /** Whether the request can go out (again): its media, if streamed, has not been consumed. */
    boolean canSend() {
        return upload == null || upload.media().canSend();
    }
}
