package org.livepeer.camel.mpegts;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the PAT and the PMTs it points to, to learn which PID carries the video and in what coding,
 * and keeps the packets of the latest PAT and video PMT so they can be repeated at a segment's head.
 */
final class ProgramTables {

    private static final int PAT_TABLE_ID = 0x00;
    private static final int PMT_TABLE_ID = 0x02;
    private static final int CRC_LENGTH = 4;
    /** PIDs below this carry tables (PAT, CAT, NIT, SDT, EIT, ...), never elementary streams. */
    private static final int FIRST_STREAM_PID = 0x20;

    private final Map<Integer, PsiSectionAssembler> assemblers = new HashMap<>();
    private final Set<Integer> pmtPids = new LinkedHashSet<>();
    private List<TsPacket> latestPat = List.of();
    private List<TsPacket> latestVideoPmt = List.of();
    private int videoPmtPid = -1;
    private int videoPid = -1;
    private VideoCodec videoCodec;

    ProgramTables() {
        assemblers.put(TsPacket.PAT_PID, new PsiSectionAssembler(this::patSection));
    }

    boolean isTablePid(int pid) {
        return pid < FIRST_STREAM_PID || pmtPids.contains(pid);
    }

    boolean isPat(int pid) {
        return pid == TsPacket.PAT_PID;
    }

    boolean isVideoPmt(int pid) {
        return pid == videoPmtPid;
    }

    void accept(TsPacket packet) {
        PsiSectionAssembler assembler = assemblers.get(packet.pid());
        if (assembler != null) {
            assembler.accept(packet);
        }
    }

    /** The PID of the video elementary stream, or -1 while no PMT has named one. */
    int videoPid() {
        return videoPid;
    }

    VideoCodec videoCodec() {
        return videoCodec;
    }

    List<TsPacket> latestPat() {
        return latestPat;
    }

    List<TsPacket> latestVideoPmt() {
        return latestVideoPmt;
    }

    private void patSection(byte[] section, List<TsPacket> carriers) {
        if ((section[0] & 0xFF) != PAT_TABLE_ID || !isCurrent(section)) {
            return;
        }
        latestPat = carriers;
        Set<Integer> announced = new LinkedHashSet<>();
        for (int i = 8; i + 4 <= section.length - CRC_LENGTH; i += 4) {
            int programNumber = u16(section, i);
            int pid = u16(section, i + 2) & 0x1FFF;
            if (programNumber != 0) { // program 0 names the network PID, not a PMT
                announced.add(pid);
            }
        }
        pmtPids.retainAll(announced);
        assemblers.keySet().removeIf(pid -> pid != TsPacket.PAT_PID && !announced.contains(pid));
        for (int pid : announced) {
            if (pmtPids.add(pid)) {
                assemblers.put(pid, new PsiSectionAssembler((s, c) -> pmtSection(pid, s, c)));
            }
        }
        if (videoPmtPid >= 0 && !pmtPids.contains(videoPmtPid)) {
            forgetVideo();
        }
    }

    private void pmtSection(int pid, byte[] section, List<TsPacket> carriers) {
        if ((section[0] & 0xFF) != PMT_TABLE_ID || !isCurrent(section)) {
            return;
        }
        if (videoPmtPid >= 0 && videoPmtPid != pid) {
            return; // another program; we follow the first one that had video
        }
        int programInfoLength = u16(section, 10) & 0x0FFF;
        for (int i = 12 + programInfoLength; i + 5 <= section.length - CRC_LENGTH; ) {
            int streamType = section[i] & 0xFF;
            int elementaryPid = u16(section, i + 1) & 0x1FFF;
            int esInfoLength = u16(section, i + 3) & 0x0FFF;
            VideoCodec codec = VideoCodec.forStreamType(streamType);
            if (codec != null) {
                videoPmtPid = pid;
                videoPid = elementaryPid;
                videoCodec = codec;
                latestVideoPmt = carriers;
                return;
            }
            i += 5 + esInfoLength;
        }
        if (videoPmtPid == pid) {
            forgetVideo();
        }
    }

    private void forgetVideo() {
        videoPmtPid = -1;
        videoPid = -1;
        videoCodec = null;
        latestVideoPmt = List.of();
    }

    private static boolean isCurrent(byte[] section) {
        return (section[5] & 0x01) != 0;
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }
}
