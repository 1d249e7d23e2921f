package org.livepeer.camel.mpegts;

import java.util.Arrays;

/** One 188-byte MPEG transport stream packet and the fields of its 4-byte header and adaptation field. */
public final class TsPacket {

    public static final int SIZE = 188;
    public static final int SYNC_BYTE = 0x47;
    public static final int PAT_PID = 0x0000;
    public static final int NULL_PID = 0x1FFF;

    private final byte[] bytes;

    private TsPacket(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies one packet out of {@code source}; the first byte must be the sync byte. */
    public static TsPacket copyOf(byte[] source, int offset) {
        if ((source[offset] & 0xFF) != SYNC_BYTE) {
            throw new IllegalArgumentException("no sync byte at " + offset);
        }
        return new TsPacket(Arrays.copyOfRange(source, offset, offset + SIZE));
    }

    public int pid() {
        return ((bytes[1] & 0x1F) << 8) | (bytes[2] & 0xFF);
    }

    public boolean transportError() {
        return (bytes[1] & 0x80) != 0;
    }

    public boolean payloadUnitStart() {
        return (bytes[1] & 0x40) != 0;
    }

    public int continuityCounter() {
        return bytes[3] & 0x0F;
    }

    public boolean hasAdaptationField() {
        return (bytes[3] & 0x20) != 0;
    }

    public boolean hasPayload() {
        return (bytes[3] & 0x10) != 0;
    }

    /** The encoder's hint that the next PES (or this one) begins at a point a decoder can start from. */
    public boolean randomAccess() {
        return hasAdaptationField() && adaptationFieldLength() > 0 && (bytes[5] & 0x40) != 0;
    }

    /** Where the payload starts: after the header and the adaptation field, or {@link #SIZE} if none. */
    public int payloadOffset() {
        if (!hasPayload()) {
            return SIZE;
        }
        int offset = hasAdaptationField() ? 5 + adaptationFieldLength() : 4;
        return Math.min(offset, SIZE);
    }

    public int payloadLength() {
        return SIZE - payloadOffset();
    }

    /** The byte at {@code index} within the packet, as an unsigned value. */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    /** The packet's bytes; the array is shared, callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    private int adaptationFieldLength() {
        return bytes[4] & 0xFF;
    }
}
