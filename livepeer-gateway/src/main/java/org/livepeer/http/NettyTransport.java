package org.livepeer.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A non-blocking HTTP/1.1 client on one Netty event loop group, shared by every request of a
 * component: whole exchanges ({@link #send}), streamed response bodies ({@link #receive}) and
 * streamed request bodies ({@link #open}), over plain TCP or TLS, with keep-alive connection pools
 * per target.
 *
 * <p>Returned futures complete on the event loop: callbacks attached to them must not block (use
 * the {@code *Async} variants for blocking work).
 */
public final class NettyTransport implements AutoCloseable {

    /** Default prefix of the names of the threads an owned event loop group runs. */
    public static final String THREAD_NAME_PREFIX = "livepeer-transport";

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Class<? extends SocketChannel> channelType;
    private final TransportSettings settings;
    private final Connector connector;
    private final ConcurrentMap<PoolKey, ConnectionPool> pools = new ConcurrentHashMap<>();
    private volatile SslContext defaultSslContext;
    private volatile boolean closed;

    private NettyTransport(Builder builder) {
        this.settings = new TransportSettings(
                builder.connectTimeout,
                builder.responseTimeout,
                builder.bodyIdleTimeout,
                builder.totalTimeout,
                builder.maxInterimResponses,
                builder.idleConnectionTimeout,
                builder.maxConnectionsPerTarget,
                builder.maxResponseBytes,
                builder.streamBufferBytes);
        this.ownsGroup = builder.group == null;
        SocketIo io = SocketIo.choose(builder.nativeTransport);
        this.group = ownsGroup
                ? io.newGroup(builder.ioThreads, new DefaultThreadFactory(builder.threadNamePrefix, true))
                : builder.group;
        this.channelType = ownsGroup ? io.socketChannel() : builder.channelType;
        this.connector = new Connector(group, channelType, settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A transport with default settings and its own event loop group. */
    public static NettyTransport create() {
        return builder().build();
    }

    /** The event loop group all connections run on; share it (e.g. with grpc-java channels). */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** The socket channel type matching {@link #eventLoopGroup()}. */
    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /**
     * Sends the whole request and collects the whole response body. Fails with a {@link
     * TransportException}; any HTTP status is a response.
     */
    public CompletableFuture<HttpResponse> send(HttpRequest request) {
        return send(request, null);
    }

    /**
     * {@link #send(HttpRequest)} on a connection of {@code affinity} where there is one (or can be
     * one), so that the exchange's events arrive on the caller's loop without crossing threads.
     *
     * @param affinity one of this transport's event loops, or null for any connection
     */
    public CompletableFuture<HttpResponse> send(HttpRequest request, EventLoop affinity) {
        BufferedExchange exchange = new BufferedExchange(
                request, limits(request), limit(request.maxResponseBytes(), settings.maxResponseBytes()));
        start(exchange, affinity);
        return exchange.response;
    }

    /**
     * Sends the whole request; the future completes when the response head arrives, and the body
     * streams through {@link StreamingResponse#body()} as it is received. The request's idle timeout
     * (if any) limits pauses between body bytes, not counting pauses of a lagging reader.
     */
    public CompletableFuture<StreamingResponse> receive(HttpRequest request) {
        return receive(request, null);
    }

    /**
     * {@link #receive(HttpRequest)} on a connection of {@code affinity} where there is one (or can be
     * one).
     *
     * @param affinity one of this transport's event loops, or null for any connection
     */
    public CompletableFuture<StreamingResponse> receive(HttpRequest request, EventLoop affinity) {
        StreamingExchange exchange = new StreamingExchange(
                request, limits(request), (int) limit(request.streamBufferBytes(), settings.streamBufferBytes()));
        start(exchange, affinity);
        return exchange.response;
    }

    /**
     * Opens a request whose body the caller writes over time (chunked): connects and sends the head
     * right away.
     *
     * @param head a request without a body
     */
    public StreamingRequest open(HttpRequest head) {
        return open(head, null);
    }

    /**
     * {@link #open(HttpRequest)} on a connection of {@code affinity} where there is one (or can be
     * one): body chunks written on that loop then go to the socket without crossing threads, and
     * their futures complete on it.
     *
     * @param affinity one of this transport's event loops, or null for any connection
     */
    public StreamingRequest open(HttpRequest head, EventLoop affinity) {
        if (head.hasBody()) {
            throw new IllegalArgumentException("the body of a streaming request is written after open: " + head);
        }
        UploadExchange exchange =
                new UploadExchange(head, limits(head), limit(head.maxResponseBytes(), settings.maxResponseBytes()));
        start(exchange, affinity);
        return new StreamingRequest(exchange);
    }

    /** Connections currently open (connecting, in use or idle), over all targets. */
    public int openConnections() {
        return connector.openChannels();
    }

    /** Idle pooled connections, over all targets. */
    public int idleConnections() {
        return pools.values().stream().mapToInt(ConnectionPool::idleConnections).sum();
    }

    /**
     * Closes every connection (failing exchanges in progress with {@code TRANSPORT_CLOSED} or
     * {@code CONNECTION_CLOSED}) and, when the transport created its event loop group, shuts the
     * group down and waits for its threads to end. Do not call on an event loop thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pools.values().forEach(ConnectionPool::close);
        long waitMillis = settings.connectTimeout().toMillis() + 1_000;
        connector.closeAll(waitMillis);
        if (ownsGroup) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(waitMillis);
        }
    }

    void start(Exchange exchange) {
        start(exchange, null);
    }

    void start(Exchange exchange, EventLoop affinity) {
        if (closed) {
            exchange.fail(new TransportException(TransportException.Kind.TRANSPORT_CLOSED, exchange.target, null));
            return;
        }
        PoolKey key;
        try {
            key = poolKey(exchange.request);
        } catch (SSLException e) {
            exchange.fail(new TransportException(
                    TransportException.Kind.TLS_HANDSHAKE, exchange.target, "no default TLS context", e));
            return;
        }
        ConnectionPool pool = pools.computeIfAbsent(key, k -> new ConnectionPool(k, connector, settings));
        exchange.startTotalTimer(group);
        exchange.start(pool.acquire(exchange.target, affinity));
    }

    TransportSettings settings() {
        return settings;
    }

    ExchangeLimits limits(HttpRequest request) {
        return new ExchangeLimits(
                request.responseTimeout() != null ? request.responseTimeout() : settings.responseTimeout(),
                request.idleTimeout() != null ? request.idleTimeout() : settings.bodyIdleTimeout(),
                request.totalTimeout() != null ? request.totalTimeout() : settings.totalTimeout(),
                settings.maxInterimResponses());
    }

    static long limit(long requested, long fallback) {
        return requested > 0 ? requested : fallback;
    }

    private PoolKey poolKey(HttpRequest request) throws SSLException {
        SslContext ssl = null;
        if (request.isSecure()) {
            ssl = request.sslContext() != null ? request.sslContext() : defaultSslContext();
        }
        return new PoolKey(Urls.host(request.uri()), Urls.port(request.uri()), ssl);
    }

    /** Trusts what the JDK's default trust store trusts. */
    private SslContext defaultSslContext() throws SSLException {
        SslContext context = defaultSslContext;
        if (context == null) {
            synchronized (this) {
                context = defaultSslContext;
                if (context == null) {
                    context = SslContextBuilder.forClient().build();
                    defaultSslContext = context;
                }
            }
        }
        return context;
    }

    /** Settings of a {@link NettyTransport}. */
    public static final class Builder {

        private EventLoopGroup group;
        private Class<? extends SocketChannel> channelType;
        private boolean nativeTransport = true;
        private int ioThreads;
        private String threadNamePrefix = THREAD_NAME_PREFIX;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration bodyIdleTimeout = Duration.ofSeconds(30);
        private Duration totalTimeout = Duration.ofMinutes(10);
        private int maxInterimResponses = 100;
        private Duration idleConnectionTimeout = Duration.ofSeconds(30);
        private int maxConnectionsPerTarget = 4096;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private int streamBufferBytes = 256 * 1024;

        private Builder() {}

        /**
         * Runs on {@code group} (which the caller keeps and shuts down) instead of an own group;
         * {@code channelType} must fit it, e.g. {@code NioSocketChannel.class} for a {@code
         * NioEventLoopGroup}.
         */
        public Builder eventLoopGroup(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
            this.group = Objects.requireNonNull(group);
            this.channelType = Objects.requireNonNull(channelType);
            return this;
        }

        /**
         * Whether the own event loop group uses Linux's native epoll transport where it is available
         * (the default), or always the JDK's NIO. Ignored with {@link #eventLoopGroup}.
         */
        public Builder nativeTransport(boolean enabled) {
            this.nativeTransport = enabled;
            return this;
        }

        /** Threads of the own event loop group; 0: Netty's default (twice the processors). */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Names the threads of the own event loop group {@code <prefix>-<pool>-<n>}. */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /** For the TCP connect and the TLS handshake, each; also how long a request waits for a free connection. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Default time from the request being written to the response head arriving. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * Default longest pause between response body bytes once the head arrived (pauses of a lagging
         * reader of a streamed body do not count), and the longest a written request body chunk may
         * wait for the server to take it. 30 s unless set.
         */
        public Builder bodyIdleTimeout(Duration timeout) {
            this.bodyIdleTimeout = positive(timeout, "bodyIdleTimeout");
            return this;
        }

        /**
         * Default limit of a whole exchange, from the request starting (waiting for a connection
         * included) to the end of the response body. 10 minutes unless set.
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * Interim {@code 1xx} responses (trickle keepalives) one exchange tolerates before its final
         * response; more fail it as a protocol error. 100 unless set.
         */
        public Builder maxInterimResponses(int responses) {
            if (responses < 0) {
                throw new IllegalArgumentException("maxInterimResponses must not be negative");
            }
            this.maxInterimResponses = responses;
            return this;
        }

        /** How long an unused keep-alive connection stays open. */
        public Builder idleConnectionTimeout(Duration timeout) {
            this.idleConnectionTimeout = positive(timeout, "idleConnectionTimeout");
            return this;
        }

        /**
         * Connections open at once to one scheme, host, port and TLS context (default 4,096: a live
         * session holds about four at once, so about 1,000 sessions per orchestrator).
         */
        public Builder maxConnectionsPerTarget(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnectionsPerTarget must be at least 1");
            }
            this.maxConnectionsPerTarget = connections;
            return this;
        }

        /** Default limit of a buffered response body. */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** Default bytes a streamed response body buffers before reading from the socket pauses. */
        public Builder streamBufferBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("streamBufferBytes must be positive");
            }
            this.streamBufferBytes = bytes;
            return this;
        }

        public NettyTransport build() {
            return new NettyTransport(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
