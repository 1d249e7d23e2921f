package org.livepeer.camel.mpegts;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Pulls keyframe-aligned segments out of an MPEG-TS {@link InputStream}, one {@code byte[]} each.
 *
 * <p>Input is read in small pieces and only as far as needed to complete the next segment, so at most
 * one finished segment plus the head of the following one is in memory. The stream is closed at
 * its end, on a read error, or by {@link #close()}; read errors surface as {@link UncheckedIOException}.
 */
public final class MpegTsSegmentIterator implements Iterator<byte[]>, Closeable {

    /** Seven packets, what one UDP datagram of MPEG-TS carries: few reads, little read-ahead. */
    private static final int READ_SIZE = 7 * TsPacket.SIZE;

    private final InputStream in;
    private final MpegTsSegmenter segmenter;
    private final byte[] readBuffer = new byte[READ_SIZE];
    private final ArrayDeque<byte[]> completed = new ArrayDeque<>();
    private ByteArrayOutputStream current;
    private long bufferedBytes;
    private long peakBufferedBytes;
    private boolean endOfInput;

    public MpegTsSegmentIterator(InputStream in) {
        this(in, MpegTsSegmenter.DEFAULT_MIN_DURATION);
    }

    public MpegTsSegmentIterator(InputStream in, Duration minDuration) {
        this.in = in;
        this.segmenter = new MpegTsSegmenter(minDuration, new Collector());
    }

    @Override
    public boolean hasNext() {
        while (completed.isEmpty() && !endOfInput) {
            readSome();
        }
        return !completed.isEmpty();
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] segment = completed.poll();
        bufferedBytes -= segment.length;
        return segment;
    }

    @Override
    public void close() {
        endOfInput = true;
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The segmenter's counters: dropped bytes, bytes before the first keyframe, segments. */
    public MpegTsSegmenter segmenter() {
        return segmenter;
    }

    /** The most segment bytes this iterator held at once, finished or under way. */
    public long peakBufferedBytes() {
        return peakBufferedBytes;
    }

    private void readSome() {
        int n;
        try {
            n = in.read(readBuffer);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        if (n < 0) {
            segmenter.finish();
            close();
        } else {
            segmenter.write(readBuffer, 0, n);
        }
    }

    private final class Collector implements SegmentListener {

        @Override
        public void segmentStarted(SegmentStart start) {
            current = new ByteArrayOutputStream();
        }

        @Override
        public void segmentData(byte[] data, int offset, int length) {
            current.write(data, offset, length);
            bufferedBytes += length;
            peakBufferedBytes = Math.max(peakBufferedBytes, bufferedBytes);
        }

        @Override
        public void segmentEnded() {
            completed.add(current.toByteArray());
            current = null;
        }
    }
}
