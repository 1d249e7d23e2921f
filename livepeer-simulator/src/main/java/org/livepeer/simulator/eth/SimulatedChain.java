package org.livepeer.simulator.eth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The block clock the orchestrators and the signer of one simulated network agree on. Ticket
 * parameters expire at a block number, as on the real chain; {@link #advance(Duration)} moves the
 * chain forward so that tests can expire ticket parameters without waiting.
 */
public final class SimulatedChain {

    private final Clock clock;
    private final Duration blockTime;
    private final long startMillis;
    private final AtomicLong skippedMillis = new AtomicLong();

    public SimulatedChain(Duration blockTime) {
        this(Clock.systemUTC(), blockTime);
    }

    public SimulatedChain(Clock clock, Duration blockTime) {
        if (blockTime.isZero() || blockTime.isNegative()) {
            throw new IllegalArgumentException("blockTime must be positive, was " + blockTime);
        }
        this.clock = clock;
        this.blockTime = blockTime;
        this.startMillis = clock.millis();
    }

    /** The current block; starts at 1000 so that round numbers are plausible. */
    public long currentBlock() {
        long elapsed = clock.millis() - startMillis + skippedMillis.get();
        return 1000 + elapsed / blockTime.toMillis();
    }

    /** Blocks covering at least {@code duration}. */
    public long blocksFor(Duration duration) {
        long millis = duration.toMillis();
        long block = blockTime.toMillis();
        return Math.max(1, (millis + block - 1) / block);
    }

    /** Moves the chain forward as if {@code duration} had passed. */
    public void advance(Duration duration) {
        skippedMillis.addAndGet(duration.toMillis());
    }

    /** The round a ticket is created in; a round is 100 blocks here. */
    public long currentRound() {
        return currentBlock() / 100;
    }

    public Duration blockTime() {
        return blockTime;
    }
}
