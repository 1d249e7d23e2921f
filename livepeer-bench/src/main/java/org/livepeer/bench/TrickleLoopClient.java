package org.livepeer.bench;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.livepeer.http.NettyTransport;
import org.livepeer.trickle.Segment;
import org.livepeer.trickle.SegmentWriter;
import org.livepeer.trickle.TricklePublisher;
import org.livepeer.trickle.TrickleSubscriber;

/**
 * The project's trickle client in the loop: a {@link TricklePublisher} writing 64 KiB slices of the
 * caller's buffer (at most two writes in flight) and a {@link TrickleSubscriber} reading each
 * segment's body through its {@code InputStream}.
 */
final class TrickleLoopClient implements LoopClient {

    private final TricklePublisher publisher;
    private final TrickleSubscriber subscriber;
    private final byte[] buffer = new byte[RawHttpClient.WRITE_BYTES];

    TrickleLoopClient(NettyTransport transport, String channelUrl) {
        publisher = TricklePublisher.builder(transport, channelUrl)
                .startSeq(0)
                .deleteOnClose(false)
                .build();
        subscriber =
                TrickleSubscriber.builder(transport, channelUrl).startSeq(0).build();
    }

    @Override
    public void publish(long seq, byte[] data, int length) throws Exception {
        SegmentWriter writer = publisher.next();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (int offset = 0; offset < length; offset += RawHttpClient.WRITE_BYTES) {
            int n = Math.min(RawHttpClient.WRITE_BYTES, length - offset);
            CompletableFuture<Void> written = writer.write(data, offset, n);
            previous.get(30, TimeUnit.SECONDS);
            previous = written;
        }
        previous.get(30, TimeUnit.SECONDS);
        long published = writer.finish().get(30, TimeUnit.SECONDS).seq();
        if (published != seq) {
            throw new IllegalStateException("published seq " + published + ", expected " + seq);
        }
    }

    @Override
    public long receive(long seq) throws Exception {
        try (Segment segment = subscriber.next().get(30, TimeUnit.SECONDS)) {
            if (segment == null || segment.seq() != seq) {
                throw new IllegalStateException(
                        "expected segment " + seq + ", got " + (segment == null ? "the end" : segment.seq()));
            }
            InputStream body = segment.body();
            long total = 0;
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
            }
            return total;
        }
    }

    @Override
    public void close() {
        publisher.close();
        subscriber.close();
    }
}
