package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NalUnitScannerTest {

    private final List<Integer> headers = new ArrayList<>();
    private final NalUnitScanner scanner = new NalUnitScanner(headers::add);

    @Test
    void findsThreeAndFourByteStartCodes() {
        scan(0, 0, 0, 1, 0x09, 0xF0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x65);
        assertEquals(List.of(0x09, 0x67, 0x65), headers);
    }

    @Test
    void findsAStartCodeSplitAcrossPieces() {
        scan(0x80, 0);
        scan(0);
        scan(1);
        scan(0x65, 0x88);
        assertEquals(List.of(0x65), headers);
    }

    @Test
    void needsTwoZerosBeforeTheOne() {
        scan(0x80, 0, 1, 0x65, 0x80, 1, 0x65);
        assertEquals(List.of(), headers);
    }

    @Test
    void forgetsAPartialStartCodeOnReset() {
        scan(0x80, 0, 0);
        scanner.reset();
        scan(1, 0x65);
        assertEquals(List.of(), headers);
    }

    private void scan(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        scanner.scan(data, 0, data.length);
    }
}
