package org.livepeer.camel.mpegts;

import java.util.function.Consumer;

/**
 * Cuts an arbitrarily chunked byte stream into whole transport stream packets.
 *
 * <p>A packet is only passed on when the next packet's sync byte is where it should be, so a packet
 * that lost bytes in transit is dropped rather than handed on with the next packet's head in it. After
 * a loss, sync is regained at a 0x47 that is followed by two more at packet distance. Skipped bytes
 * are counted.
 */
public final class TsPacketAligner {

    /** Sync bytes that must line up before sync is (re)gained. */
    private static final int SYNC_CONFIRMATIONS = 3;

    private static final int WINDOW = TsPacket.SIZE * SYNC_CONFIRMATIONS;

    private final Consumer<TsPacket> packets;
    private final byte[] window = new byte[WINDOW * 2];
    private int length;
    private boolean locked;
    private long droppedBytes;

    public TsPacketAligner(Consumer<TsPacket> packets) {
        this.packets = packets;
    }

    public void write(byte[] data, int offset, int count) {
        int end = offset + count;
        while (offset < end) {
            int n = Math.min(end - offset, window.length - length);
            System.arraycopy(data, offset, window, length, n);
            length += n;
            offset += n;
            drain(false);
        }
    }

    /** End of stream: passes on what is left if it is whole, well-aligned packets, drops the rest. */
    public void finish() {
        drain(true);
        droppedBytes += length;
        length = 0;
    }

    /** Bytes skipped to regain sync, plus damaged or truncated packets that were not passed on. */
    public long droppedBytes() {
        return droppedBytes;
    }

    private void drain(boolean endOfStream) {
        int start = 0;
        while (true) {
            if (locked) {
                if (length - start < TsPacket.SIZE * 2 && !(endOfStream && length - start >= TsPacket.SIZE)) {
                    break;
                }
                boolean nextAligned = length - start < TsPacket.SIZE * 2 || isSync(start + TsPacket.SIZE);
                if (isSync(start) && nextAligned) {
                    packets.accept(TsPacket.copyOf(window, start));
                    start += TsPacket.SIZE;
                    continue;
                }
                locked = false;
                droppedBytes++;
                start++;
            }
            int found = findSync(start, endOfStream);
            if (found < 0) {
                int keep = Math.min(length - start, WINDOW - 1);
                droppedBytes += length - start - keep;
                start = length - keep;
                break;
            }
            droppedBytes += found - start;
            start = found;
            locked = true;
        }
        System.arraycopy(window, start, window, 0, length - start);
        length -= start;
    }

    /** A position with sync bytes at every packet distance up to the confirmation count, or -1. */
    private int findSync(int from, boolean endOfStream) {
        for (int i = from; i < length; i++) {
            if (!isSync(i)) {
                continue;
            }
            int confirmed = 1;
            while (confirmed < SYNC_CONFIRMATIONS
                    && i + confirmed * TsPacket.SIZE < length
                    && isSync(i + confirmed * TsPacket.SIZE)) {
                confirmed++;
            }
            boolean runsToEnd = i + confirmed * TsPacket.SIZE >= length;
            if (confirmed == SYNC_CONFIRMATIONS || (endOfStream && runsToEnd && length - i >= TsPacket.SIZE)) {
                return i;
            }
            if (runsToEnd && !endOfStream) {
                return -1; // undecided: wait for more bytes
            }
        }
        return -1;
    }

    private boolean isSync(int index) {
        return (window[index] & 0xFF) == TsPacket.SYNC_BYTE;
    }
}
