package org.livepeer.http;

import java.time.Duration;

/**
 * The time limits of one exchange, each resolved from the request or else the transport's default.
 *
 * @param head from the request being written to the response head arriving
 * @param idle the longest pause between response body bytes, and the longest a written request body
 *     chunk may wait for the server to take it
 * @param total from the exchange starting (waiting for a connection included) to the response body's
 *     end
 * @param maxInterimResponses interim {@code 1xx} responses tolerated before the final one
 */
record ExchangeLimits(Duration head, Duration idle, Duration total, int maxInterimResponses) {}
