package org.livepeer.simulator.trickle;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.simulator.http.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trickle server with go-livepeer's semantics: channels of segments that publishers POST and
 * subscribers GET while the bytes flow. Serve it over HTTP by {@link #mount mounting} it on a
 * {@link Router}; use {@link #createChannel}, {@link TrickleChannel#publisher()} and {@link
 * TrickleChannel#subscribe} to read and write channels in process. Idle channels are swept on the
 * given event loop; {@link #close()} closes every channel.
 */
public final class TrickleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrickleServer.class);

    private final TrickleConfig config;
    private final EventExecutorGroup scheduler;
    private final ConcurrentMap<String, TrickleChannel> channels = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong channelsCreated = new AtomicLong();
    private ScheduledFuture<?> sweeper;
    private boolean closed;

    /** @param scheduler the event loop group whose timers run the idle sweep */
    public TrickleServer(TrickleConfig config, EventExecutorGroup scheduler) {
        this.config = Objects.requireNonNull(config);
        this.scheduler = Objects.requireNonNull(scheduler);
    }

    /** Starts sweeping idle channels. */
    public synchronized TrickleServer start() {
        if (sweeper == null && !closed) {
            long interval = config.sweepInterval().toNanos();
            sweeper = scheduler
                    .next()
                    .scheduleAtFixedRate(this::sweepIdleChannels, interval, interval, TimeUnit.NANOSECONDS);
        }
        return this;
    }

    /**
     * Serves the trickle routes under {@code prefix}, which must end with a slash: channels are
     * {@code <prefix><name>}, segments {@code <prefix><name>/<seq>}.
     */
    public TrickleServer mount(Router router, String prefix) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start and end with '/': " + prefix);
        }
        router.prefix(null, prefix, new TrickleRoutes(this, prefix));
        return this;
    }

    public TrickleConfig config() {
        return config;
    }

    /** Creates the channel if it does not exist (whatever {@link TrickleConfig#autoCreate()} says). */
    public TrickleChannel createChannel(String name, String mimeType) {
        return channels.computeIfAbsent(name, key -> newChannel(key, mimeType));
    }

    public Optional<TrickleChannel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** Closes the channel: its subscribers get what was written, then 404. False if there was none. */
    public boolean closeChannel(String name) {
        TrickleChannel channel = channels.get(name);
        if (channel == null) {
            return false;
        }
        channel.close();
        channels.remove(name, channel);
        LOG.info("Closed trickle channel {}", name);
        return true;
    }

    public Set<String> channelNames() {
        return new TreeSet<>(channels.keySet());
    }

    /** Channels created since the server started, including closed ones. */
    public long channelsCreated() {
        return channelsCreated.get();
    }

    /** Segment bytes currently held in memory, over all channels. */
    public long heldBytes() {
        return heldBytes.get();
    }

    /** Stops the sweeper and closes every channel. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (sweeper != null) {
                sweeper.cancel(false);
                sweeper = null;
            }
        }
        for (String name : channelNames()) {
            closeChannel(name);
        }
    }

    /** The channel, created when it is missing and auto-create is on; null otherwise. */
    TrickleChannel channelOrAutoCreate(String name, String mimeType) {
        if (config.autoCreate()) {
            return createChannel(name, mimeType);
        }
        return channels.get(name);
    }

    private TrickleChannel newChannel(String name, String mimeType) {
        channelsCreated.incrementAndGet();
        LOG.info("Created trickle channel {} ({})", name, mimeType);
        return new TrickleChannel(name, mimeType, config.windowSize(), heldBytes);
    }

    private void sweepIdleChannels() {
        long idleLimit = config.idleTimeout().toNanos();
        for (TrickleChannel channel : channels.values()) {
            // internal channels (go-livepeer's "_changes") are never swept
            if (!channel.name().startsWith("_") && channel.idleNanos() > idleLimit) {
                LOG.info("Closing idle trickle channel {}", channel.name());
                closeChannel(channel.name());
            }
        }
    }
}
