package org.livepeer.camel.mpegts;

import java.util.function.IntConsumer;

/**
 * Finds Annex B start codes (00 00 01) in elementary stream bytes fed piece by piece, so a start
 * code split across transport packets is still found, and reports the first header byte of each
 * NAL unit.
 */
final class NalUnitScanner {

    private final IntConsumer nalHeaders;
    private int zeros;
    private boolean headerByteNext;

    NalUnitScanner(IntConsumer nalHeaders) {
        this.nalHeaders = nalHeaders;
    }

    void reset() {
        zeros = 0;
        headerByteNext = false;
    }

    void scan(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xFF;
            if (headerByteNext) {
                headerByteNext = false;
                zeros = b == 0 ? 1 : 0;
                nalHeaders.accept(b);
            } else if (b == 0) {
                zeros++;
            } else {
                headerByteNext = b == 1 && zeros >= 2;
                zeros = 0;
            }
        }
    }
}
