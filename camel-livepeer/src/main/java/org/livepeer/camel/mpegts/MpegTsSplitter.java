package org.livepeer.camel.mpegts;

import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Splits a message body of MPEG-TS ({@code InputStream}, {@code File}, {@code byte[]} or anything
 * Camel converts to an {@code InputStream}) into keyframe-aligned segments, for a streaming split:
 *
 * <pre>{@code
 * from("file:in?include=.*\\.ts")
 *     .split(method(MpegTsSplitter.class, "segments")).streaming()
 *     .to("livepeer:live-video-to-video?session=cam1");
 * }</pre>
 *
 * or, with a minimum segment duration other than one second, {@code
 * .split(MpegTsSplitter.segments(Duration.ofSeconds(2))).streaming()}.
 */
public class MpegTsSplitter {

    private Duration minDuration = MpegTsSegmenter.DEFAULT_MIN_DURATION;

    public MpegTsSplitter() {}

    public MpegTsSplitter(Duration minDuration) {
        setMinDuration(minDuration);
    }

    /** An expression yielding the body's segments, each a {@code byte[]}. */
    public static Expression segments(Duration minDuration) {
        MpegTsSplitter splitter = new MpegTsSplitter(minDuration);
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                try {
                    return splitter.segments(exchange);
                } catch (InvalidPayloadException e) {
                    throw RuntimeCamelException.wrapRuntimeCamelException(e);
                }
            }

            @Override
            public String toString() {
                return "mpegTsSegments(minDuration=" + minDuration + ")";
            }
        };
    }

    /** The bean method: the body's segments, read as the split consumes them. */
    public Iterator<byte[]> segments(Exchange exchange) throws InvalidPayloadException {
        InputStream body = exchange.getMessage().getMandatoryBody(InputStream.class);
        return new MpegTsSegmentIterator(body, minDuration);
    }

    public Duration getMinDuration() {
        return minDuration;
    }

    public void setMinDuration(Duration minDuration) {
        this.minDuration = Objects.requireNonNull(minDuration, "minDuration");
    }
}
