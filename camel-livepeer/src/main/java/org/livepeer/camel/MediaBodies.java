package org.livepeer.camel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.WrappedFile;
import org.livepeer.gateway.ai.InvalidAiRequestException;
import org.livepeer.gateway.ai.model.MediaInput;

/**
 * Reads media from message bodies through Camel's type converters: whatever Camel can turn into a
 * {@link MediaInput} (batch) or an InputStream (live segments) is accepted. A String is the path of
 * a file, since converting text to bytes would upload the text itself.
 */
final class MediaBodies {

    private static final int QUOTED_PATH_CHARS = 200;

    private MediaBodies() {}

    /** The media {@code value} holds, for the request field {@code field} ("image" or "audio"). */
    static MediaInput toMedia(Exchange exchange, String field, Object value) {
        if (value instanceof MediaInput media) {
            return media;
        }
        if (value instanceof String path) {
            return MediaInput.of(existingFile(field, path));
        }
        TypeConverter converter = exchange.getContext().getTypeConverter();
        MediaInput media = converter.tryConvertTo(MediaInput.class, exchange, value);
        if (media == null) {
            InputStream stream = converter.tryConvertTo(InputStream.class, exchange, value);
            media = stream == null ? null : MediaInput.of(stream, null);
        }
        if (media == null) {
            throw new InvalidAiRequestException("cannot use a body of type "
                    + value.getClass().getName() + " as the "
                    + field + "; give a file, a path, byte[], a ByteBuffer, an InputStream or anything Camel converts"
                    + " to one");
        }
        return media;
    }

    /** One live input segment: byte[] when the body holds the bytes already, else a stream to send as it is read. */
    static Object toSegment(Exchange exchange, Object body) throws IOException {
        if (body == null) {
            throw new InvalidAiRequestException("a live segment cannot be an empty (null) body");
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof ByteBuf buffer) {
            return ByteBufUtil.getBytes(buffer);
        }
        if (body instanceof InputStream stream) {
            return stream;
        }
        if (body instanceof String path) {
            return Files.newInputStream(existingFile("segment", path));
        }
        if (body instanceof WrappedFile<?> wrapped && wrapped.getFile() instanceof File file) {
            return Files.newInputStream(file.toPath());
        }
        if (body instanceof File file) {
            return Files.newInputStream(file.toPath());
        }
        if (body instanceof Path path) {
            return Files.newInputStream(path);
        }
        InputStream stream = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        if (stream == null) {
            throw new InvalidAiRequestException(
                    "cannot read a live segment from a " + body.getClass().getName()
                            + "; give a file, a path, byte[], a ByteBuffer, an InputStream or anything Camel converts to"
                            + " one");
        }
        return stream;
    }

    private static Path existingFile(String field, String text) {
        Path path;
        try {
            path = Path.of(text.trim());
        } catch (RuntimeException e) {
            path = null;
        }
        if (path == null || !Files.isRegularFile(path)) {
            String quoted = text.length() > QUOTED_PATH_CHARS ? text.substring(0, QUOTED_PATH_CHARS) + "…" : text;
            throw new InvalidAiRequestException(
                    "a text body is read as the path of the " + field + ", but there is no file '" + quoted + "'");
        }
        return path;
    }
}
