package org.livepeer.bench;

/** One side pair of the trickle loop: publishes segments in order and receives them in order. */
interface LoopClient extends AutoCloseable {

    /** Publishes segment {@code seq} from {@code data[0, length)} in 64 KiB writes; returns once it is acknowledged. */
    void publish(long seq, byte[] data, int length) throws Exception;

    /** Reads segment {@code seq} to its end; returns its length. */
    long receive(long seq) throws Exception;

    @Override
    void close() throws Exception;
}
