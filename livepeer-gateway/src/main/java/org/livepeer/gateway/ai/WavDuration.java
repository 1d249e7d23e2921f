package org.livepeer.gateway.ai;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.livepeer.gateway.ai.model.MediaInput;

/**
 * The duration of a RIFF/WAVE file from its header (data size over byte rate). go-livepeer's
 * gateway measures any audio format with ffprobe; without it, other formats need their duration
 * given with the request.
 */
final class WavDuration {

    private static final int PROBE_LIMIT = 1024 * 1024;

    private WavDuration() {}

    /** Whole seconds, or -1 when the audio is not a readable WAV file. */
    static long wholeSeconds(MediaInput audio) {
        try {
            return audio.probe(PROBE_LIMIT, WavDuration::read);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] id = new byte[4];
        try {
            in.readFully(id);
            if (!"RIFF".equals(new String(id, java.nio.charset.StandardCharsets.US_ASCII))) {
                return -1;
            }
            in.skipBytes(4);
            in.readFully(id);
            if (!"WAVE".equals(new String(id, java.nio.charset.StandardCharsets.US_ASCII))) {
                return -1;
            }
            long byteRate = -1;
            while (true) {
                in.readFully(id);
                long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                String chunk = new String(id, java.nio.charset.StandardCharsets.US_ASCII);
                if (chunk.equals("fmt ")) {
                    in.skipBytes(8); // format, channels, sample rate
                    byteRate = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                    skipFully(in, size - 12 + (size & 1));
                } else if (chunk.equals("data")) {
                    return byteRate <= 0 ? -1 : size / byteRate;
                } else {
                    skipFully(in, size + (size & 1));
                }
            }
        } catch (EOFException e) {
            return -1;
        }
    }

    private static void skipFully(DataInputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            int skipped = in.skipBytes((int) Math.min(left, Integer.MAX_VALUE));
            if (skipped <= 0) {
                throw new EOFException();
            }
            left -= skipped;
        }
    }
}
