package org.livepeer.camel;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;
import org.livepeer.gateway.ai.model.MediaInput;

/**
 * Camel type converters to {@link MediaInput}, the image or audio of a batch request, so any body
 * Camel can read (a file from the file component, bytes, a buffer, a stream) can feed a pipeline,
 * and routes can {@code convertBodyTo(MediaInput.class)} themselves. Files are sent from disk in
 * chunks, never read whole.
 */
@Converter(generateLoader = true)
public final class LivepeerConverters {

    private LivepeerConverters() {}

    @Converter
    public static MediaInput toMediaInput(byte[] bytes) {
        return MediaInput.of(bytes);
    }

    @Converter
    public static MediaInput toMediaInput(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return MediaInput.of(bytes);
    }

    @Converter
    public static MediaInput toMediaInput(File file) {
        return MediaInput.of(file);
    }

    @Converter
    public static MediaInput toMediaInput(Path path) {
        return MediaInput.of(path);
    }

    /** A stream is read once while it is sent; the route keeps ownership of it. */
    @Converter
    public static MediaInput toMediaInput(InputStream stream) {
        return MediaInput.of(stream, null);
    }

    /**
     * A file from a file-like component: sent from disk when it is a local file, otherwise read as
     * the component's stream.
     */
    @Converter
    public static MediaInput toMediaInput(WrappedFile<?> file, Exchange exchange) {
        if (file.getFile() instanceof File local) {
            return MediaInput.of(local);
        }
        InputStream stream = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, file);
        return stream == null ? null : MediaInput.of(stream, null);
    }

    /** An app's server-sent event as its data, e.g. for {@code convertBodyTo(String.class)} after a split. */
    @Converter
    public static String toText(org.livepeer.gateway.apps.ServerSentEvent event) {
        return event.data();
    }
}
