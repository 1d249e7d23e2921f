package org.livepeer.simulator.ai;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an ISO base media (MP4) file with one video track whose samples are JPEG frames
 * (Motion-JPEG, sample entry {@code jpeg}), which ffmpeg and QuickTime play. Real orchestrators
 * transcode to H.264; encoding H.264 is out of the simulator's reach.
 */
final class MotionJpegMp4 {

    private static final int MOVIE_TIMESCALE = 1000;
    private static final int[] UNITY_MATRIX = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};

    private MotionJpegMp4() {}

    static byte[] write(List<byte[]> jpegFrames, int width, int height, int fps) {
        byte[] ftyp = box("ftyp", out -> {
            out.write(ascii("isom"));
            out.writeInt(512);
            out.write(ascii("isom"));
            out.write(ascii("iso2"));
            out.write(ascii("mp41"));
        });
        long mdatSize = 8;
        for (byte[] frame : jpegFrames) {
            mdatSize += frame.length;
        }
        int firstSampleOffset = ftyp.length + 8;
        byte[] moov = moov(jpegFrames, width, height, fps, firstSampleOffset);
        ByteArrayOutputStream file = new ByteArrayOutputStream((int) (ftyp.length + mdatSize + moov.length));
        file.writeBytes(ftyp);
        file.writeBytes(intBytes((int) mdatSize));
        file.writeBytes(ascii("mdat"));
        for (byte[] frame : jpegFrames) {
            file.writeBytes(frame);
        }
        file.writeBytes(moov);
        return file.toByteArray();
    }

    private static byte[] moov(List<byte[]> frames, int width, int height, int fps, int chunkOffset) {
        int count = frames.size();
        int durationMillis = (int) ((long) count * MOVIE_TIMESCALE / fps);
        byte[] mvhd = fullBox("mvhd", 0, out -> {
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(MOVIE_TIMESCALE);
            out.writeInt(durationMillis);
            out.writeInt(0x00010000); // rate 1.0
            out.writeShort(0x0100); // volume 1.0
            out.write(new byte[10]);
            matrix(out);
            out.write(new byte[24]);
            out.writeInt(2); // next track id
        });
        byte[] tkhd = fullBox("tkhd", 3, out -> {
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(1); // track id
            out.writeInt(0);
            out.writeInt(durationMillis);
            out.write(new byte[8]);
            out.writeShort(0); // layer
            out.writeShort(0); // alternate group
            out.writeShort(0); // volume: video
            out.writeShort(0);
            matrix(out);
            out.writeInt(width << 16);
            out.writeInt(height << 16);
        });
        byte[] mdhd = fullBox("mdhd", 0, out -> {
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(fps);
            out.writeInt(count);
            out.writeShort(0x55c4); // "und"
            out.writeShort(0);
        });
        byte[] hdlr = fullBox("hdlr", 0, out -> {
            out.writeInt(0);
            out.write(ascii("vide"));
            out.write(new byte[12]);
            out.write(ascii("VideoHandler\0"));
        });
        byte[] vmhd = fullBox("vmhd", 1, out -> out.write(new byte[8]));
        byte[] dinf = container("dinf", fullBox("dref", 0, out -> {
            out.writeInt(1);
            out.write(fullBox("url ", 1, inner -> {}));
        }));
        byte[] stbl = container(
                "stbl",
                stsd(width, height),
                fullBox("stts", 0, out -> {
                    out.writeInt(1);
                    out.writeInt(count);
                    out.writeInt(1);
                }),
                fullBox("stsc", 0, out -> {
                    out.writeInt(1);
                    out.writeInt(1);
                    out.writeInt(count);
                    out.writeInt(1);
                }),
                fullBox("stsz", 0, out -> {
                    out.writeInt(0);
                    out.writeInt(count);
                    for (byte[] frame : frames) {
                        out.writeInt(frame.length);
                    }
                }),
                fullBox("stco", 0, out -> {
                    out.writeInt(1);
                    out.writeInt(chunkOffset);
                }));
        byte[] minf = container("minf", vmhd, dinf, stbl);
        byte[] mdia = container("mdia", mdhd, hdlr, minf);
        return container("moov", mvhd, container("trak", tkhd, mdia));
    }

    private static byte[] stsd(int width, int height) {
        byte[] entry = box("jpeg", out -> {
            out.write(new byte[6]);
            out.writeShort(1); // data reference index
            out.write(new byte[16]);
            out.writeShort(width);
            out.writeShort(height);
            out.writeInt(0x00480000); // 72 dpi
            out.writeInt(0x00480000);
            out.writeInt(0);
            out.writeShort(1); // frames per sample
            byte[] name = new byte[32];
            byte[] label = ascii("Photo - JPEG");
            name[0] = (byte) label.length;
            System.arraycopy(label, 0, name, 1, label.length);
            out.write(name);
            out.writeShort(0x0018); // colour depth
            out.writeShort(-1);
        });
        return fullBox("stsd", 0, out -> {
            out.writeInt(1);
            out.write(entry);
        });
    }

    private static void matrix(DataOutputStream out) throws IOException {
        for (int value : UNITY_MATRIX) {
            out.writeInt(value);
        }
    }

    private interface BoxBody {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] container(String type, byte[]... children) {
        return box(type, out -> {
            for (byte[] child : children) {
                out.write(child);
            }
        });
    }

    private static byte[] fullBox(String type, int flags, BoxBody body) {
        return box(type, out -> {
            out.writeInt(flags & 0xffffff); // version 0
            body.write(out);
        });
    }

    private static byte[] box(String type, BoxBody body) {
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            body.write(new DataOutputStream(content));
            ByteArrayOutputStream box = new ByteArrayOutputStream(content.size() + 8);
            DataOutputStream out = new DataOutputStream(box);
            out.writeInt(content.size() + 8);
            out.write(ascii(type));
            content.writeTo(out);
            return box.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
