package org.livepeer.gateway.ai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body laid out as go's {@code mime/multipart} writer does (and so
 * as go-livepeer's gateway sends it): the file part first, with {@code application/octet-stream},
 * then the plain fields, CRLF line ends. The file's bytes are not part of it: {@link #head()} goes
 * before them and {@link #tail()} after, so the file can be streamed in between.
 */
final class MultipartForm {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

    MultipartForm(String fileField, String filename) {
        byte[] random = new byte[30];
        RANDOM.nextBytes(random);
        this.boundary = HexFormat.of().formatHex(random);
        write(
                head,
                "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + escape(fileField) + "\"; filename=\""
                        + escape(filename) + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n");
    }

    MultipartForm field(String name, String value) {
        write(
                tail,
                "\r\n--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + escape(name) + "\"\r\n\r\n"
                        + value);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] head() {
        return head.toByteArray();
    }

    /** The fields and the closing boundary. */
    byte[] tail() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream();
        closed.writeBytes(tail.toByteArray());
        write(closed, "\r\n--" + boundary + "--\r\n");
        return closed.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Go escapes backslashes and double quotes in names. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
