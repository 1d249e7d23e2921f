package org.livepeer.simulator.ai;

import java.awt.image.BufferedImage;

/** The uploaded {@code image} of a multipart request, decoded as go-livepeer checks it. */
final class InputImages {

    private InputImages() {}

    /** A missing or undecodable image fails with go-livepeer's 400 "image: unknown format". */
    static BufferedImage decode(RequestFields request) throws AiHttpError {
        RequestFields.UploadedFile file = request.file("image");
        return ImageCodec.decode(file == null ? null : file.bytes());
    }
}
