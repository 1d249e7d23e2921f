/**
 * Trickle, Livepeer's segmented HTTP pub/sub. Never depends on Camel or on {@code
 * org.livepeer.gateway}; it runs on the HTTP client in {@code org.livepeer.http}.
 *
 * <p>{@link org.livepeer.trickle.TricklePublisher} streams each segment as one chunked POST, with
 * the next POST pre-connected; {@link org.livepeer.trickle.TrickleSubscriber} reads segments as
 * their bytes arrive, with the next GET pre-fetched. Both run entirely on the shared transport's
 * event loop (futures and timers, no thread per stream) and fail with a typed {@link
 * org.livepeer.trickle.TrickleException}.
 */
package org.livepeer.trickle;
