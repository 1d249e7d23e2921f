package org.livepeer.simulator.trickle;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.http.HttpHandler;

/**
 * The HTTP face of a {@link TrickleServer} under one path prefix, with go-livepeer's routes,
 * statuses and messages:
 *
 * <pre>
 * POST   &lt;prefix&gt;&lt;name&gt;         create (when auto-create is on), Expect-Content = mime type
 * DELETE &lt;prefix&gt;&lt;name&gt;         close the channel
 * GET    &lt;prefix&gt;&lt;name&gt;/next    the next seq to be written (since go-livepeer v0.8.11)
 * POST   &lt;prefix&gt;&lt;name&gt;/&lt;seq&gt;   publish a segment
 * GET    &lt;prefix&gt;&lt;name&gt;/&lt;seq&gt;   subscribe to a segment
 * DELETE &lt;prefix&gt;&lt;name&gt;/&lt;seq&gt;   close one segment
 * </pre>
 *
 * <p>In {@link TrickleCompatibility#V0_8_10} mode there is no {@code /next} route: the request is
 * read as a GET of a segment named "next", as go-livepeer v0.8.10 does (400, or 404 without the
 * channel).
 */
final class TrickleRoutes implements HttpHandler {

    private static final HttpResponseStatus SEGMENT_NOT_FOUND =
            new HttpResponseStatus(TrickleHeaders.SEGMENT_NOT_FOUND, "Segment Not Found");

    private final TrickleServer server;
    private final String prefix;

    TrickleRoutes(TrickleServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    @Override
    public BodyConsumer onRequest(HttpCall call) {
        String[] parts = call.path().substring(prefix.length()).split("/", -1);
        String method = call.method();
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
            return BodyConsumer.IGNORE;
        }
        String name = parts[0];
        if (parts.length == 1) {
            switch (method) {
                case "POST" -> create(call, name);
                case "DELETE" -> delete(call, name);
                default -> call.respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
            }
            return BodyConsumer.IGNORE;
        }
        String seq = parts[1];
        if (seq.isEmpty()) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "404 page not found");
            return BodyConsumer.IGNORE;
        }
        switch (method) {
            case "POST" -> {
                return publish(call, name, seq);
            }
            case "GET" -> {
                if (seq.equals("next") && server.config().compatibility().hasNextRoute()) {
                    next(call, name);
                } else {
                    subscribe(call, name, seq);
                }
            }
            case "DELETE" -> closeSegment(call, name, seq);
            default -> call.respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
        }
        return BodyConsumer.IGNORE;
    }

    private void create(HttpCall call, String name) {
        TrickleChannel channel = server.channelOrAutoCreate(name, call.header(TrickleHeaders.EXPECT_CONTENT));
        if (channel == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "Stream not found");
            return;
        }
        call.respondEmpty(HttpResponseStatus.OK, null);
    }

    private void delete(HttpCall call, String name) {
        if (!server.closeChannel(name)) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "Invalid stream");
            return;
        }
        call.respondEmpty(HttpResponseStatus.OK, null);
    }

    private BodyConsumer publish(HttpCall call, String name, String seqText) {
        TrickleChannel channel = server.channelOrAutoCreate(name, call.header(HttpHeaderNames.CONTENT_TYPE));
        if (channel == null) {
            // closing the connection also wakes a pre-connected publisher that is still sending
            HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            call.respond(
                    HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", text("Stream not found\n"), headers);
            return BodyConsumer.IGNORE;
        }
        Long seq = parseSeq(seqText, -1);
        if (seq == null) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "Invalid idx");
            return BodyConsumer.IGNORE;
        }
        SegmentWriter writer = channel.openWriter(seq);
        if (call.header(TrickleHeaders.RESET) != null
                && !call.header(TrickleHeaders.RESET).isEmpty()) {
            channel.closeSegmentsBefore(writer.seq());
        }
        PublishRequest request = new PublishRequest(call, channel, writer);
        request.start(server.config().keepaliveInterval());
        return request;
    }

    private void subscribe(HttpCall call, String name, String seqText) {
        TrickleChannel channel = server.channel(name).orElse(null);
        if (channel == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "Stream not found");
            return;
        }
        Long seq = parseSeq(seqText, -2);
        if (seq == null) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "Invalid idx");
            return;
        }
        TrickleChannel.Lookup lookup = channel.lookupForRead(seq);
        if (lookup.segment() == null) {
            HttpHeaders headers = new DefaultHttpHeaders()
                    .set(TrickleHeaders.LATEST, lookup.latest())
                    .set(TrickleHeaders.SEQ, lookup.seq());
            HttpResponseStatus status = SEGMENT_NOT_FOUND;
            if (lookup.closed()) {
                headers.set(TrickleHeaders.CLOSED, TrickleHeaders.TERMINATED);
                status = HttpResponseStatus.OK;
            }
            call.respond(status, "text/plain; charset=utf-8", text("Entry not found"), headers);
            return;
        }
        SubscribeResponse response = new SubscribeResponse(call, channel, lookup.seq(), lookup.latest());
        SegmentReader reader = channel.openReader(lookup.segment(), response, call.executor());
        call.onClose(reader::cancel);
    }

    private void next(HttpCall call, String name) {
        TrickleChannel channel = server.channel(name).orElse(null);
        if (channel == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "Stream not found");
            return;
        }
        String next = Long.toString(channel.nextSeq());
        HttpHeaders headers = new DefaultHttpHeaders().set(TrickleHeaders.LATEST, next);
        if (channel.isClosed()) {
            headers.set(TrickleHeaders.CLOSED, TrickleHeaders.TERMINATED);
        }
        call.respond(HttpResponseStatus.OK, "text/plain; charset=utf-8", text(next), headers);
    }

    private void closeSegment(HttpCall call, String name, String seqText) {
        TrickleChannel channel = server.channel(name).orElse(null);
        if (channel == null) {
            call.respondText(HttpResponseStatus.NOT_FOUND, "Stream not found");
            return;
        }
        Long seq = parseSeq(seqText, 0);
        if (seq == null) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "Invalid idx");
            return;
        }
        if (!channel.closeSegment(seq)) {
            call.respondText(HttpResponseStatus.BAD_REQUEST, "Nonexistent segment");
            return;
        }
        call.respondEmpty(HttpResponseStatus.OK, null);
    }

    /** The seq in a path, or null when it is not a number or below {@code lowest}. */
    private static Long parseSeq(String text, long lowest) {
        try {
            long seq = Long.parseLong(text);
            return seq < lowest ? null : seq;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
