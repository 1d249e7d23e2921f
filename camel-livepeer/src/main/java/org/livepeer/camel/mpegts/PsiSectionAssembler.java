package org.livepeer.camel.mpegts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles the PSI sections (PAT, PMT) carried on one PID, which may span several packets, and
 * hands on each complete section whose CRC is intact, with the packets that carried it.
 */
final class PsiSectionAssembler {

    interface SectionHandler {
        void section(byte[] section, List<TsPacket> carriers);
    }

    private static final int HEADER_LENGTH = 3;
    private static final int MAX_SECTION_LENGTH = 1024;

    private final SectionHandler handler;
    private final ByteArrayOutputStream section = new ByteArrayOutputStream();
    private final List<TsPacket> carriers = new ArrayList<>();
    private int totalLength;
    private boolean collecting;

    PsiSectionAssembler(SectionHandler handler) {
        this.handler = handler;
    }

    void accept(TsPacket packet) {
        int offset = packet.payloadOffset();
        if (offset >= TsPacket.SIZE) {
            return;
        }
        if (!packet.payloadUnitStart()) {
            if (collecting) {
                collect(packet, offset, false);
            }
            return;
        }
        int pointer = packet.byteAt(offset);
        int firstNewSection = Math.min(offset + 1 + pointer, TsPacket.SIZE);
        if (collecting) {
            // the bytes before the pointer's target finish the section already under way
            collect(packet, offset + 1, false, firstNewSection);
        }
        restart();
        collecting = true;
        collect(packet, firstNewSection, true);
    }

    private void collect(TsPacket packet, int from, boolean moreSectionsMayStart) {
        collect(packet, from, moreSectionsMayStart, TsPacket.SIZE);
    }

    private void collect(TsPacket packet, int from, boolean moreSectionsMayStart, int end) {
        int pos = from;
        while (collecting && pos < end) {
            if (section.size() == 0 && packet.byteAt(pos) == 0xFF) {
                restart(); // stuffing: no further section in this packet
                return;
            }
            if (carriers.isEmpty() || carriers.get(carriers.size() - 1) != packet) {
                carriers.add(packet);
            }
            int wanted = (section.size() < HEADER_LENGTH ? HEADER_LENGTH : totalLength) - section.size();
            int take = Math.min(wanted, end - pos);
            section.write(packet.bytes(), pos, take);
            pos += take;
            if (section.size() == HEADER_LENGTH && totalLength == 0) {
                totalLength = HEADER_LENGTH + sectionLength(section.toByteArray());
                if (totalLength > MAX_SECTION_LENGTH) {
                    restart();
                    return;
                }
            }
            if (totalLength > 0 && section.size() == totalLength) {
                deliver();
                restart();
                collecting = moreSectionsMayStart;
            }
        }
    }

    private void deliver() {
        byte[] complete = section.toByteArray();
        if (Crc32Mpeg2.of(complete, 0, complete.length) == 0) {
            handler.section(complete, List.copyOf(carriers));
        }
    }

    private static int sectionLength(byte[] header) {
        return ((header[1] & 0x0F) << 8) | (header[2] & 0xFF);
    }

    private void restart() {
        section.reset();
        carriers.clear();
        totalLength = 0;
        collecting = false;
    }
}
