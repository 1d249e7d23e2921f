package org.livepeer.camel.mpegts;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Writes small hand-made transport streams: one program, PES packets cut into TS packets. */
final class TsStreamBuilder {

    static final int PMT_PID = 0x1000;
    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Integer, Integer> continuity = new HashMap<>();
    private final int videoStreamType;

    TsStreamBuilder(int videoStreamType) {
        this.videoStreamType = videoStreamType;
    }

    TsStreamBuilder tables() {
        byte[] pat = {0x00, (byte) 0xB0, 0, 0x00, 0x01, (byte) 0xC1, 0, 0, 0x00, 0x01, (byte) 0xF0, 0x00};
        byte[] pmt = {
            0x02,
            (byte) 0xB0,
            0,
            0x00,
            0x01,
            (byte) 0xC1,
            0,
            0,
            (byte) 0xE1,
            0x00,
            (byte) 0xF0,
            0x00,
            (byte) videoStreamType,
            (byte) 0xE1,
            0x00,
            (byte) 0xF0,
            0x00,
            0x0F,
            (byte) 0xE1,
            0x01,
            (byte) 0xF0,
            0x00
        };
        section(TsPacket.PAT_PID, pat);
        section(PMT_PID, pmt);
        return this;
    }

    /** One PES, its payload cut across as many packets as needed. */
    TsStreamBuilder pes(int pid, long pts, boolean randomAccess, byte[] elementaryStream) {
        ByteArrayOutputStream pes = new ByteArrayOutputStream();
        int streamId = pid == VIDEO_PID ? 0xE0 : 0xC0;
        pes.writeBytes(new byte[] {0, 0, 1, (byte) streamId, 0, 0, (byte) 0x80, (byte) 0x80, 5});
        pes.writeBytes(new byte[] {
            (byte) (0x21 | ((pts >> 29) & 0x0E)),
            (byte) (pts >> 22),
            (byte) (0x01 | ((pts >> 14) & 0xFE)),
            (byte) (pts >> 7),
            (byte) (0x01 | ((pts << 1) & 0xFE))
        });
        pes.writeBytes(elementaryStream);
        byte[] payload = pes.toByteArray();
        int at = 0;
        while (at < payload.length) {
            boolean first = at == 0;
            int room = first && randomAccess ? 182 : 184; // the flag needs a 2-byte adaptation field
            int length = Math.min(room, payload.length - at);
            packet(pid, first, first && randomAccess, payload, at, length);
            at += length;
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int length() {
        return out.size();
    }

    private void section(int pid, byte[] body) {
        int sectionLength = body.length - 3 + 4;
        body[1] = (byte) (0xB0 | (sectionLength >> 8));
        body[2] = (byte) sectionLength;
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(0); // pointer field
        payload.writeBytes(body);
        int crc = Crc32Mpeg2.of(body, 0, body.length);
        payload.writeBytes(new byte[] {(byte) (crc >> 24), (byte) (crc >> 16), (byte) (crc >> 8), (byte) crc});
        byte[] bytes = payload.toByteArray();
        byte[] padded = new byte[184];
        Arrays.fill(padded, (byte) 0xFF);
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        packet(pid, true, false, padded, 0, padded.length);
    }

    private void packet(int pid, boolean unitStart, boolean randomAccess, byte[] data, int from, int length) {
        int cc = continuity.merge(pid, 1, (a, b) -> (a + b) & 0x0F);
        int stuffing = 184 - length;
        boolean adaptation = stuffing > 0 || randomAccess;
        out.write(TsPacket.SYNC_BYTE);
        out.write((unitStart ? 0x40 : 0) | (pid >> 8));
        out.write(pid);
        out.write((adaptation ? 0x30 : 0x10) | cc);
        if (adaptation) {
            int fieldLength = stuffing - 1;
            out.write(fieldLength);
            if (fieldLength > 0) {
                out.write(randomAccess ? 0x40 : 0x00);
                for (int i = 1; i < fieldLength; i++) {
                    out.write(0xFF);
                }
            }
        }
        out.write(data, from, length);
    }
}
