package org.livepeer.http;

import java.time.Duration;

/**
 * The transport-wide settings; see {@link NettyTransport.Builder} for their meaning.
 */
record TransportSettings(
        Duration connectTimeout,
        Duration responseTimeout,
        Duration bodyIdleTimeout,
        Duration totalTimeout,
        int maxInterimResponses,
        Duration idleConnectionTimeout,
        int maxConnectionsPerTarget,
        long maxResponseBytes,
        int streamBufferBytes) {}
