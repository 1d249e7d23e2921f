package org.livepeer.gateway.ai.model;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An image or audio file to upload: bytes in memory, a file (read in chunks while it is sent, never
 * whole), or an input stream (read once while it is sent; a request with one cannot be retried on
 * another orchestrator once its upload started).
 */
public abstract class MediaInput {

    static final int CHUNK_BYTES = 64 * 1024;

    private final String filename;

    private MediaInput(String filename) {
        this.filename = filename;
    }

    public static MediaInput of(byte[] bytes) {
        return new InMemory(bytes, null);
    }

    public static MediaInput of(byte[] bytes, String filename) {
        return new InMemory(bytes, filename);
    }

    public static MediaInput of(Path file) {
        return new FromFile(file);
    }

    public static MediaInput of(File file) {
        return new FromFile(file.toPath());
    }

    /** A stream read once; the caller keeps ownership and closes it after the request completed. */
    public static MediaInput of(InputStream stream, String filename) {
        return new FromStream(stream, filename);
    }

    /** The name sent with the upload, or null (the form field's name is used). */
    public String filename() {
        return filename;
    }

    /** Size in bytes, or -1 when unknown (a stream). */
    public abstract long size();

    /** Whether the content can be sent again (for a retry on another orchestrator). */
    public abstract boolean isReplayable();

    /** Whether sending can start (again): always, except for a stream already read. */
    public abstract boolean canSend();

    /** The whole content when it is in memory, else null. */
    public abstract byte[] inMemory();

    /**
     * Reads the start of the content (at most {@code limit} bytes are examined) without consuming it,
     * e.g. to learn an image's size from its header.
     */
    public abstract <T> T probe(int limit, Probe<T> probe) throws IOException;

    /**
     * Opens the content for sending, chunk by chunk. Blocking reads (of a stream) run on {@code
     * blockingReads}; files are read asynchronously.
     */
    public abstract ChunkReader open(Executor blockingReads);

    /** Reads what {@link #probe} offers. */
    @FunctionalInterface
    public interface Probe<T> {
        T read(InputStream start) throws IOException;
    }

    /** The content in chunks; {@link #next()} completes with null at the end. */
    public interface ChunkReader extends AutoCloseable {
        CompletableFuture<byte[]> next();

        @Override
        void close();
    }

    private static final class InMemory extends MediaInput {
        private final byte[] bytes;

        InMemory(byte[] bytes, String filename) {
            super(filename);
            this.bytes = Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public boolean isReplayable() {
            return true;
        }

        @Override
        public boolean canSend() {
            return true;
        }

        @Override
        public byte[] inMemory() {
            return bytes;
        }

        @Override
        public <T> T probe(int limit, Probe<T> probe) throws IOException {
            return probe.read(new ByteArrayInputStream(bytes, 0, Math.min(limit, bytes.length)));
        }

        @Override
        public ChunkReader open(Executor blockingReads) {
            AtomicBoolean done = new AtomicBoolean();
            return new ChunkReader() {
                @Override
                public CompletableFuture<byte[]> next() {
                    return CompletableFuture.completedFuture(done.getAndSet(true) ? null : bytes);
                }

                @Override
                public void close() {}
            };
        }
    }

    private static final class FromFile extends MediaInput {
        private final Path path;

        FromFile(Path path) {
            super(path.getFileName() == null ? null : path.getFileName().toString());
            this.path = path;
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + path, e);
            }
        }

        @Override
        public boolean isReplayable() {
            return true;
        }

        @Override
        public boolean canSend() {
            return true;
        }

        @Override
        public byte[] inMemory() {
            return null;
        }

        @Override
        public <T> T probe(int limit, Probe<T> probe) throws IOException {
            try (InputStream in = Files.newInputStream(path)) {
                return probe.read(new BoundedInputStream(in, limit));
            }
        }

        @Override
        public ChunkReader open(Executor blockingReads) {
            AsynchronousFileChannel channel;
            try {
                channel = AsynchronousFileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + path, e);
            }
            return new ChunkReader() {
                private long position;

                @Override
                public CompletableFuture<byte[]> next() {
                    CompletableFuture<byte[]> chunk = new CompletableFuture<>();
                    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
                    channel.read(buffer, position, null, new CompletionHandler<Integer, Void>() {
                        @Override
                        public void completed(Integer read, Void attachment) {
                            if (read < 0) {
                                chunk.complete(null);
                                return;
                            }
                            position += read;
                            chunk.complete(Arrays.copyOf(buffer.array(), read));
                        }

                        @Override
                        public void failed(Throwable error, Void attachment) {
                            chunk.completeExceptionally(error);
                        }
                    });
                    return chunk;
                }

                @Override
                public void close() {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // nothing left to release
                    }
                }
            };
        }
    }

    private static final class FromStream extends MediaInput {
        private final BufferedInputStream stream;
        private final AtomicBoolean opened = new AtomicBoolean();

        FromStream(InputStream stream, String filename) {
            super(filename);
            this.stream = new BufferedInputStream(Objects.requireNonNull(stream, "stream"), CHUNK_BYTES);
        }

        @Override
        public long size() {
            return -1;
        }

        @Override
        public boolean isReplayable() {
            return false;
        }

        @Override
        public boolean canSend() {
            return !opened.get();
        }

        @Override
        public byte[] inMemory() {
            return null;
        }

        @Override
        public synchronized <T> T probe(int limit, Probe<T> probe) throws IOException {
            if (opened.get()) {
                throw new IllegalStateException("the stream was already sent");
            }
            stream.mark(limit);
            try {
                return probe.read(new BoundedInputStream(stream, limit));
            } finally {
                stream.reset();
            }
        }

        @Override
        public ChunkReader open(Executor blockingReads) {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("the stream was already sent; a stream can be sent once");
            }
            return new ChunkReader() {
                @Override
                public CompletableFuture<byte[]> next() {
                    return CompletableFuture.supplyAsync(this::read, blockingReads);
                }

                private byte[] read() {
                    try {
                        byte[] buffer = new byte[CHUNK_BYTES];
                        int read = stream.read(buffer);
                        return read < 0 ? null : Arrays.copyOf(buffer, read);
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading the media stream failed", e);
                    }
                }

                @Override
                public void close() {}
            };
        }
    }

    /** Lets a probe read at most {@code limit} bytes. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
