/**
 * A small non-blocking HTTP/1.1 client on Netty, the transport for every network call of the
 * gateway: signer and orchestrator requests, trickle publishing and subscribing, event streams.
 * Depends on Netty only: never on Camel, {@code org.livepeer.gateway} or {@code
 * org.livepeer.trickle}.
 *
 * <p>{@link org.livepeer.http.NettyTransport} owns (or is given) one event loop group
 * and keep-alive connection pools per scheme, host, port and TLS context. Three ways to talk:
 *
 * <ul>
 *   <li>{@link org.livepeer.http.NettyTransport#send send}: whole request, whole
 *       response body (bounded);
 *   <li>{@link org.livepeer.http.NettyTransport#receive receive}: the response body as
 *       an {@code InputStream} fed as bytes arrive, with read backpressure;
 *   <li>{@link org.livepeer.http.NettyTransport#open open}: a chunked request body
 *       written over time, with write backpressure; the connection and head go out at once.
 * </ul>
 *
 * <p>Failures are {@link org.livepeer.http.TransportException}s with a kind; their
 * messages name method and URL but never header values, user info or query strings.
 */
package org.livepeer.http;
