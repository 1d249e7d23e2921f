package org.livepeer.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.livepeer.trickle.Segment;
import org.livepeer.trickle.TrickleSubscriber;

/**
 * Reads a runner's events channel: one JSON document per trickle segment, empty segments skipped
 * (go-livepeer skips them too). Shared by live video-to-video jobs and Scope sessions.
 */
public final class LiveEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveEvents() {}

    /**
     * The next event, or null when the channel ended. The segment body is read on {@code bodyReads}
     * (the read blocks until the segment is complete).
     */
    public static CompletableFuture<JsonNode> next(TrickleSubscriber events, Executor bodyReads) {
        return events.next()
                .thenComposeAsync(
                        segment -> {
                            if (segment == null) {
                                return CompletableFuture.<JsonNode>completedFuture(null);
                            }
                            byte[] body = read(segment);
                            if (body.length == 0) {
                                return next(events, bodyReads);
                            }
                            try {
                                return CompletableFuture.completedFuture(JSON.readTree(body));
                            } catch (IOException e) {
                                throw new CompletionException(e);
                            }
                        },
                        bodyReads);
    }

    private static byte[] read(Segment segment) {
        try (segment) {
            return segment.readAllBytes();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }
}
