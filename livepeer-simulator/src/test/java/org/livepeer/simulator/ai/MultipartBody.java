package org.livepeer.simulator.ai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds {@code multipart/form-data} bodies by hand, as a gateway sends them. */
final class MultipartBody {

    private final String boundary = "sim-test-boundary-7d1f";
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartBody field(String name, String value) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        text(value + "\r\n");
        return this;
    }

    MultipartBody file(String name, String filename, String contentType, byte[] bytes) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n");
        text("Content-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(bytes);
        text("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(body.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    private void text(String value) {
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }
}
