package org.livepeer.camel.mpegts;

/**
 * The start of a PES packet as found in the transport packet that begins it: the presentation time
 * stamp, if any, and where the elementary stream data starts within that transport packet.
 */
record PesHeader(long pts, int dataOffset) {

    public static final long NO_PTS = -1;

    private static final int FIXED_LENGTH = 6;
    private static final int OPTIONAL_FIELDS_LENGTH = 3;

    /**
     * Reads the header at the payload of a packet with payload_unit_start_indicator set. A header
     * that does not fit the packet (never seen from real muxers) yields no time stamp and the data
     * offset at the packet's end.
     */
    static PesHeader read(TsPacket packet) {
        int at = packet.payloadOffset();
        if (at + FIXED_LENGTH > TsPacket.SIZE || !hasStartCodePrefix(packet, at)) {
            return new PesHeader(NO_PTS, at);
        }
        int streamId = packet.byteAt(at + 3);
        if (!hasOptionalHeader(streamId)) {
            return new PesHeader(NO_PTS, at + FIXED_LENGTH);
        }
        int flagsAt = at + FIXED_LENGTH;
        if (flagsAt + OPTIONAL_FIELDS_LENGTH > TsPacket.SIZE) {
            return new PesHeader(NO_PTS, TsPacket.SIZE);
        }
        int dataOffset = flagsAt + OPTIONAL_FIELDS_LENGTH + packet.byteAt(flagsAt + 2);
        boolean ptsPresent = (packet.byteAt(flagsAt + 1) & 0x80) != 0;
        int ptsAt = flagsAt + OPTIONAL_FIELDS_LENGTH;
        if (dataOffset > TsPacket.SIZE || !ptsPresent || ptsAt + 5 > TsPacket.SIZE) {
            return new PesHeader(NO_PTS, Math.min(dataOffset, TsPacket.SIZE));
        }
        return new PesHeader(timestamp(packet, ptsAt), dataOffset);
    }

    private static boolean hasStartCodePrefix(TsPacket packet, int at) {
        return packet.byteAt(at) == 0 && packet.byteAt(at + 1) == 0 && packet.byteAt(at + 2) == 1;
    }

    /** Padding, private stream 2, ECM, EMM, DSM-CC, H.222.1 type E and the directory have no optional header. */
    private static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case 0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF -> false;
            default -> true;
        };
    }

    /** The 33-bit time stamp spread over five bytes with marker bits. */
    private static long timestamp(TsPacket packet, int at) {
        return ((long) (packet.byteAt(at) >> 1) & 0x07) << 30
                | (long) packet.byteAt(at + 1) << 22
                | (long) (packet.byteAt(at + 2) >> 1) << 15
                | (long) packet.byteAt(at + 3) << 7
                | (long) packet.byteAt(at + 4) >> 1;
    }
}
