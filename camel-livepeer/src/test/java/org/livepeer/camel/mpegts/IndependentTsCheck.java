package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;

/**
 * A deliberately naive second reading of a segment, sharing no code with the segmenter: fixed
 * 188-byte packets, the sample's known PIDs, and a linear scan for NAL start codes.
 */
final class IndependentTsCheck {

    private IndependentTsCheck() {}

    /** Only tables (PAT, then PMT) before the first video packet, and the first video PES an IDR picture. */
    static void assertStartsDecodable(byte[] segment) {
        assertEquals(0, segment.length % 188, "whole packets");
        assertTrue(segment.length >= 3 * 188, "too short: " + segment.length);
        for (int at = 0; at < segment.length; at += 188) {
            assertEquals(0x47, segment[at] & 0xFF, "sync byte at " + at);
        }
        int firstVideo = -1;
        int patAt = -1;
        int pmtAt = -1;
        for (int at = 0; at < segment.length && firstVideo < 0; at += 188) {
            int pid = pid(segment, at);
            if (pid == 0 && patAt < 0) {
                patAt = at;
            } else if (pid == Sample.PMT_PID && pmtAt < 0) {
                pmtAt = at;
            } else if (pid == Sample.VIDEO_PID) {
                firstVideo = at;
            } else {
                assertTrue(pid < 0x20, "only tables before the first video packet, found PID " + pid);
            }
        }
        assertTrue(patAt >= 0 && pmtAt > patAt, "PAT, then PMT, before the first video packet");
        assertTrue((segment[firstVideo + 1] & 0x40) != 0, "video starts with a PES start");
        assertEquals(5, firstSliceType(firstVideoPes(segment, firstVideo)), "first picture is IDR");
    }

    static int pid(byte[] ts, int at) {
        return ((ts[at + 1] & 0x1F) << 8) | (ts[at + 2] & 0xFF);
    }

    private static byte[] firstVideoPes(byte[] ts, int start) {
        ByteArrayOutputStream pes = new ByteArrayOutputStream();
        for (int at = start; at < ts.length; at += 188) {
            if (pid(ts, at) != Sample.VIDEO_PID) {
                continue;
            }
            if (at != start && (ts[at + 1] & 0x40) != 0) {
                break;
            }
            int payload = (ts[at + 3] & 0x20) != 0 ? at + 5 + (ts[at + 4] & 0xFF) : at + 4;
            pes.write(ts, payload, at + 188 - payload);
        }
        return pes.toByteArray();
    }

    private static int firstSliceType(byte[] pes) {
        int esStart = 9 + (pes[8] & 0xFF);
        for (int i = esStart; i + 3 < pes.length; i++) {
            if (pes[i] == 0 && pes[i + 1] == 0 && pes[i + 2] == 1) {
                int type = pes[i + 3] & 0x1F;
                if (type >= 1 && type <= 5) {
                    return type;
                }
            }
        }
        return fail("no slice in the first video PES");
    }
}
