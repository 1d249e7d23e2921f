package org.livepeer.simulator.hostile;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.livepeer.simulator.http.SocketTypes;

/**
 * A raw HTTP/1.1 server on an ephemeral port that answers each request with a {@link Script}:
 * well-formed answers, broken ones, stalls, drips and floods. It reads requests just enough to know
 * where one ends (head, then {@code Content-Length} or chunked body). Close it to stop everything.
 */
public final class HostileServer implements AutoCloseable {

    /** A request as the server saw it; header names in lower case. */
    public record RawRequest(String method, String target, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_REQUEST_BYTES = 4 << 20;

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Function<RawRequest, Script> scripts;
    private final AtomicInteger requests = new AtomicInteger();

    private HostileServer(Function<RawRequest, Script> scripts) {
        this.scripts = scripts;
        this.group = SocketTypes.newGroup(1, "hostile-server");
        this.server = new ServerBootstrap()
                .group(group)
                .channel(SocketTypes.serverChannel(group))
                .childOption(ChannelOption.SO_RCVBUF, 64 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline().addLast(new Conversation());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    /** Starts a server answering every request with the script {@code scripts} picks for it. */
    public static HostileServer start(Function<RawRequest, Script> scripts) {
        return new HostileServer(scripts);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection: collects a request, plays its script, then waits for the next. */
    private final class Conversation extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean busy;
        private boolean stalled;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                if (!stalled && pending.size() < MAX_REQUEST_BYTES) {
                    byte[] copy = new byte[bytes.readableBytes()];
                    bytes.readBytes(copy);
                    pending.write(copy, 0, copy.length);
                }
            } finally {
                bytes.release();
            }
            if (!busy && !stalled) {
                next(ctx);
            }
        }

        private void next(ChannelHandlerContext ctx) {
            byte[] data = pending.toByteArray();
            int headEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            if (headEnd < 0) {
                return;
            }
            String[] lines = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int bodyStart = headEnd + 4;
            int requestEnd = requestEnd(data, bodyStart, headers);
            RawRequest request = new RawRequest(
                    requestLine[0],
                    requestLine.length > 1 ? requestLine[1] : "/",
                    headers,
                    java.util.Arrays.copyOfRange(data, bodyStart, requestEnd < 0 ? data.length : requestEnd));
            Script script;
            if (requestEnd < 0) {
                // the body is still arriving: answer now only if the script wants to
                script = scripts.apply(request);
                if (!script.answerOnHead) {
                    return;
                }
                stalled = true; // the rest of this connection's input is not parsed again
            } else {
                script = scripts.apply(request);
                pending.reset();
                pending.write(data, requestEnd, data.length - requestEnd);
            }
            requests.incrementAndGet();
            busy = true;
            play(ctx, script.steps.iterator());
        }

        private void play(ChannelHandlerContext ctx, Iterator<Script.Step> steps) {
            while (steps.hasNext()) {
                if (!ctx.channel().isActive()) {
                    return;
                }
                Script.Step step = steps.next();
                if (step instanceof Script.Write write) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(write.bytes()));
                } else if (step instanceof Script.Pause pause) {
                    ctx.executor()
                            .schedule(() -> play(ctx, steps), pause.duration().toNanos(), TimeUnit.NANOSECONDS);
                    return;
                } else if (step instanceof Script.Repeat repeat) {
                    repeat(ctx, repeat);
                    return;
                } else if (step instanceof Script.Close) {
                    ctx.close();
                    return;
                } else if (step instanceof Script.Stall) {
                    stalled = true;
                    return;
                } else if (step instanceof Script.StopReading) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
            busy = false;
            if (!stalled) {
                next(ctx);
            }
        }

        private void repeat(ChannelHandlerContext ctx, Script.Repeat repeat) {
            stalled = true;
            if (!ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(repeat.bytes()));
            ctx.executor().schedule(() -> repeat(ctx, repeat), repeat.interval().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Where the request that starts at {@code bodyStart} ends, or -1 while its body is incomplete. */
    private static int requestEnd(byte[] data, int bodyStart, Map<String, String> headers) {
        String length = headers.get("content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return bodyStart;
            }
            return data.length - bodyStart >= declared ? (int) (bodyStart + declared) : -1;
        }
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            int end = indexOf(data, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), bodyStart);
            while (end >= 0) {
                if (end == bodyStart || (end >= 2 && data[end - 1] == '\n' && data[end - 2] == '\r')) {
                    return end + 5;
                }
                end = indexOf(data, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), end + 1);
            }
            return -1;
        }
        return bodyStart;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
