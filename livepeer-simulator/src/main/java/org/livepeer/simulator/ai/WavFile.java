package org.livepeer.simulator.ai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** RIFF/WAVE: writes 16-bit PCM mono, and reads the duration of any PCM WAV. */
final class WavFile {

    private static final int HEADER_BYTES = 44;

    private WavFile() {}

    static byte[] pcm16Mono(short[] samples, int sampleRate) {
        int dataBytes = samples.length * 2;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        buffer.put(ascii("fmt ")).putInt(16);
        buffer.putShort((short) 1); // PCM
        buffer.putShort((short) 1); // channels
        buffer.putInt(sampleRate);
        buffer.putInt(sampleRate * 2); // byte rate
        buffer.putShort((short) 2); // block align
        buffer.putShort((short) 16); // bits per sample
        buffer.put(ascii("data")).putInt(dataBytes);
        for (short sample : samples) {
            buffer.putShort(sample);
        }
        return buffer.array();
    }

    /** The playing time of a WAV file in seconds, or -1 when {@code bytes} is not one. */
    static double durationSeconds(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!"RIFF".equals(tag(bytes, 0)) || !"WAVE".equals(tag(bytes, 8))) {
            return -1;
        }
        long byteRate = -1;
        int offset = 12;
        while (offset + 8 <= bytes.length) {
            String id = tag(bytes, offset);
            long size = buffer.getInt(offset + 4) & 0xffffffffL;
            int body = offset + 8;
            if ("fmt ".equals(id) && body + 12 <= bytes.length) {
                byteRate = buffer.getInt(body + 8) & 0xffffffffL;
            } else if ("data".equals(id)) {
                long available = Math.min(size, bytes.length - (long) body);
                return byteRate > 0 ? (double) available / byteRate : -1;
            }
            offset = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        return -1;
    }

    private static String tag(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
