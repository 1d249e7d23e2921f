package org.livepeer.camel.mpegts;

/**
 * Decides, from the first packets of a video PES, whether the access unit it carries is a keyframe:
 * an H.264 IDR picture, an H.265 IRAP picture, or, for other video, a random access indicator on the
 * packet that starts the PES. The verdict is known at the first slice NAL unit, usually within the
 * first few packets, after the parameter sets and SEI that precede it.
 */
final class KeyframeDetector {

    enum Verdict {
        UNDECIDED,
        KEYFRAME,
        NOT_KEYFRAME
    }

    private final VideoCodec codec;
    private final NalUnitScanner scanner = new NalUnitScanner(this::nalUnit);
    private Verdict verdict = Verdict.UNDECIDED;
    private long pts = PesHeader.NO_PTS;

    KeyframeDetector(VideoCodec codec) {
        this.codec = codec;
    }

    /** A packet with payload_unit_start_indicator on the video PID: a new access unit begins. */
    void startPes(TsPacket packet) {
        scanner.reset();
        PesHeader header = PesHeader.read(packet);
        pts = header.pts();
        if (codec == VideoCodec.OTHER) {
            verdict = packet.randomAccess() ? Verdict.KEYFRAME : Verdict.NOT_KEYFRAME;
            return;
        }
        verdict = Verdict.UNDECIDED;
        scanner.scan(packet.bytes(), header.dataOffset(), TsPacket.SIZE);
    }

    /** A further packet of the same PES. */
    void continuePes(TsPacket packet) {
        if (verdict == Verdict.UNDECIDED) {
            scanner.scan(packet.bytes(), packet.payloadOffset(), TsPacket.SIZE);
        }
    }

    Verdict verdict() {
        return verdict;
    }

    /** The PTS of the current PES in 90 kHz units, or {@link PesHeader#NO_PTS}. */
    long pts() {
        return pts;
    }

    private void nalUnit(int headerByte) {
        if (verdict != Verdict.UNDECIDED) {
            return;
        }
        int type = codec.nalUnitType(headerByte);
        if (codec.isSlice(type)) {
            verdict = codec.isKeyframeSlice(type) ? Verdict.KEYFRAME : Verdict.NOT_KEYFRAME;
        }
    }
}
