/**
 * The simulator's trickle server: segmented HTTP pub/sub with go-livepeer's observable behaviour.
 *
 * <p>{@link org.livepeer.simulator.trickle.TrickleServer} holds the channels and mounts the HTTP
 * routes on a {@link org.livepeer.simulator.http.Router}. In process, a {@link
 * org.livepeer.simulator.trickle.TrickleChannel} offers a {@link
 * org.livepeer.simulator.trickle.LocalPublisher} and {@link
 * org.livepeer.simulator.trickle.Subscription}s. Segment bytes are kept as retained Netty buffers
 * while a segment is in the channel's window or still being read, and released after.
 */
package org.livepeer.simulator.trickle;
