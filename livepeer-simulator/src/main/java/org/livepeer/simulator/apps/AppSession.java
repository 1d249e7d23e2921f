package org.livepeer.simulator.apps;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.proto.PriceInfo;

/**
 * One reserved runner session: its token, its payer and price (null when free), the trickle
 * channels the runner created for it, and the billing timer of a per-second session.
 */
final class AppSession {

    private final String id;
    private final Runner runner;
    private final String token;
    private final String sender;
    private final PriceInfo price;
    private final boolean fixed;
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong payments = new AtomicLong();
    private volatile ScheduledFuture<?> billing;
    private volatile String closeReason;

    AppSession(String id, Runner runner, String token, String sender, PriceInfo price, boolean fixed) {
        this.id = id;
        this.runner = runner;
        this.token = token;
        this.sender = sender;
        this.price = price;
        this.fixed = fixed;
    }

    String id() {
        return id;
    }

    Runner runner() {
        return runner;
    }

    String token() {
        return token;
    }

    String sender() {
        return sender;
    }

    PriceInfo price() {
        return price;
    }

    boolean isFixed() {
        return fixed;
    }

    boolean isClosed() {
        return closed.get();
    }

    String closeReason() {
        return closeReason;
    }

    void paymentAccepted() {
        payments.incrementAndGet();
    }

    long paymentsAccepted() {
        return payments.get();
    }

    void billing(ScheduledFuture<?> timer) {
        this.billing = timer;
        if (closed.get()) {
            timer.cancel(false);
        }
    }

    /** Channel name (as the runner asked) to trickle channel name. */
    Map<String, String> channels() {
        return channels;
    }

    void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (closed.get() && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    /** Stops billing and runs the close listeners once; the registry removes it and closes its channels. */
    boolean markClosed(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closeReason = reason;
        ScheduledFuture<?> timer = billing;
        if (timer != null) {
            timer.cancel(false);
        }
        for (Runnable listener : closeListeners) {
            if (closeListeners.remove(listener)) {
                listener.run();
            }
        }
        return true;
    }
}
