package org.livepeer.camel.mpegts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a continuous MPEG-TS byte stream into segments that each start with a keyframe and the PAT
 * and PMT, so every segment can be decoded on its own.
 *
 * <p>Bytes are pushed in with {@link #write} in chunks of any size and leave through the {@link
 * SegmentListener} as soon as their place is known. The segmenter holds back only the table packets
 * just before a video PES and that PES's first packets until the first slice shows whether it is a
 * keyframe; memory use does not grow with segment length. A boundary is placed before the table
 * packets that directly precede a keyframe's PES (muxers such as ffmpeg put the PAT and PMT there),
 * once the keyframe's PTS is at least {@code minDuration} after the current segment's first one. When
 * the source did not send the PAT and PMT right there, the latest ones are repeated at the segment's
 * head. Bytes before the first keyframe are dropped and counted, as are bytes that could not be
 * aligned to packets and packets flagged with a transport error.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class MpegTsSegmenter {

    public static final Duration DEFAULT_MIN_DURATION = Duration.ofSeconds(1);

    /** An access unit whose kind is still unknown after this many held packets counts as no keyframe. */
    private static final int MAX_HELD_PACKETS = 256;

    private static final long PTS_WRAP_MASK = (1L << 33) - 1;
    private static final long PTS_TICKS_PER_SECOND = 90_000;

    private final long minDurationTicks;
    private final SegmentListener listener;
    private final TsPacketAligner aligner = new TsPacketAligner(this::accept);
    private final ProgramTables tables = new ProgramTables();
    private final List<TsPacket> heldTables = new ArrayList<>();
    private final List<TsPacket> heldAccessUnit = new ArrayList<>();
    private KeyframeDetector detector;
    private int detectorPid = -1;
    private VideoCodec detectorCodec;
    private boolean segmentOpen;
    private long segmentStartPts;
    private long segmentCount;
    private long bytesBeforeFirstKeyframe;
    private long erroredPacketBytes;
    private int peakHeldBytes;
    private boolean finished;

    public MpegTsSegmenter(SegmentListener listener) {
        this(DEFAULT_MIN_DURATION, listener);
    }

    /**
     * @param minDuration cut at the first keyframe at least this long after the segment's first one
     *     (millisecond precision); zero cuts at every keyframe
     */
    public MpegTsSegmenter(Duration minDuration, SegmentListener listener) {
        if (minDuration.isNegative()) {
            throw new IllegalArgumentException("minDuration must not be negative: " + minDuration);
        }
        this.minDurationTicks = minDuration.toMillis() * PTS_TICKS_PER_SECOND / 1000;
        this.listener = listener;
    }

    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("segmenter already finished");
        }
        aligner.write(data, offset, length);
    }

    /** End of input: passes on what is held and ends the last segment. Further calls do nothing. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        aligner.finish();
        if (!heldAccessUnit.isEmpty()) {
            resolveHeldAccessUnit(false);
        }
        release(heldTables);
        if (segmentOpen) {
            segmentOpen = false;
            listener.segmentEnded();
        }
    }

    /** Segments started so far. */
    public long segmentCount() {
        return segmentCount;
    }

    /** Whole packets received before the first keyframe, dropped because no segment could start there. */
    public long bytesBeforeFirstKeyframe() {
        return bytesBeforeFirstKeyframe;
    }

    /** Bytes dropped because they were not part of a well-aligned packet, or were flagged as errored. */
    public long droppedBytes() {
        return aligner.droppedBytes() + erroredPacketBytes;
    }

    /** The most bytes held back at once while waiting to learn where a segment boundary goes. */
    public int peakHeldBytes() {
        return peakHeldBytes;
    }

    private void accept(TsPacket packet) {
        if (packet.transportError()) {
            erroredPacketBytes += TsPacket.SIZE;
            return;
        }
        int pid = packet.pid();
        if (tables.isTablePid(pid)) {
            tables.accept(packet);
            followVideoPid();
            hold(heldAccessUnit.isEmpty() ? heldTables : heldAccessUnit, packet);
        } else if (pid == detectorPid && packet.payloadUnitStart()) {
            if (!heldAccessUnit.isEmpty()) {
                resolveHeldAccessUnit(false); // that PES ended without a slice
            }
            detector.startPes(packet);
            hold(heldAccessUnit, packet);
            resolveIfDecided();
        } else if (!heldAccessUnit.isEmpty()) {
            if (pid == detectorPid) {
                detector.continuePes(packet);
            }
            hold(heldAccessUnit, packet);
            resolveIfDecided();
        } else {
            release(heldTables);
            emit(packet);
        }
    }

    private void followVideoPid() {
        if (tables.videoPid() == detectorPid && tables.videoCodec() == detectorCodec) {
            return;
        }
        if (!heldAccessUnit.isEmpty()) {
            resolveHeldAccessUnit(false);
        }
        detectorPid = tables.videoPid();
        detectorCodec = tables.videoCodec();
        detector = detectorPid < 0 ? null : new KeyframeDetector(detectorCodec);
    }

    private void hold(List<TsPacket> held, TsPacket packet) {
        held.add(packet);
        peakHeldBytes = Math.max(peakHeldBytes, (heldTables.size() + heldAccessUnit.size()) * TsPacket.SIZE);
    }

    private void resolveIfDecided() {
        KeyframeDetector.Verdict verdict = detector.verdict();
        if (verdict != KeyframeDetector.Verdict.UNDECIDED) {
            resolveHeldAccessUnit(verdict == KeyframeDetector.Verdict.KEYFRAME);
        } else if (heldAccessUnit.size() >= MAX_HELD_PACKETS) {
            resolveHeldAccessUnit(false);
        }
    }

    private void resolveHeldAccessUnit(boolean keyframe) {
        long pts = detector.pts();
        if (keyframe && (!segmentOpen || minDurationReached(pts))) {
            if (segmentOpen) {
                listener.segmentEnded();
            }
            startSegment(pts);
        }
        release(heldTables);
        release(heldAccessUnit);
    }

    private boolean minDurationReached(long pts) {
        if (minDurationTicks == 0 || pts == PesHeader.NO_PTS || segmentStartPts == PesHeader.NO_PTS) {
            return true; // without time stamps every keyframe is a boundary
        }
        return ((pts - segmentStartPts) & PTS_WRAP_MASK) >= minDurationTicks;
    }

    private void startSegment(long pts) {
        boolean patHeld = heldTables.stream().anyMatch(p -> tables.isPat(p.pid()));
        boolean pmtHeld = heldTables.stream().anyMatch(p -> tables.isVideoPmt(p.pid()));
        List<TsPacket> repeated = new ArrayList<>();
        // repeated tables form one prefix in PAT, PMT order; a held PAT after them is a harmless duplicate
        if (!pmtHeld) {
            repeated.addAll(tables.latestPat());
            repeated.addAll(tables.latestVideoPmt());
        } else if (!patHeld) {
            repeated.addAll(tables.latestPat());
        }
        segmentOpen = true;
        segmentStartPts = pts;
        listener.segmentStarted(new SegmentStart(segmentCount++, pts, repeated.size() * TsPacket.SIZE));
        repeated.forEach(this::emit);
    }

    private void release(List<TsPacket> held) {
        held.forEach(this::emit);
        held.clear();
    }

    private void emit(TsPacket packet) {
        if (segmentOpen) {
            listener.segmentData(packet.bytes(), 0, TsPacket.SIZE);
        } else {
            bytesBeforeFirstKeyframe += TsPacket.SIZE;
        }
    }
}
