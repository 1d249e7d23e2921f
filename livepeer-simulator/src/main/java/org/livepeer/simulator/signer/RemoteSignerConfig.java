package org.livepeer.simulator.signer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.payment.TicketSender;

/** How a {@link RemoteSigner} is set up; every setting has go-livepeer's default. */
public final class RemoteSignerConfig {

    /** go-livepeer's {@code authTokenValidPeriod}. */
    public static final Duration DEFAULT_AUTH_TOKEN_VALID_PERIOD = Duration.ofMinutes(30);

    String host = "127.0.0.1";
    int port;
    boolean tls;
    Clock clock = Clock.systemUTC();
    Duration authTokenValidPeriod = DEFAULT_AUTH_TOKEN_VALID_PERIOD;
    BigRational maxPrice;
    BigRational maxTicketEv = TicketSender.DEFAULT_MAX_TICKET_EV;
    BigRational maxTotalEv = TicketSender.DEFAULT_MAX_TOTAL_EV;
    Map<String, String> requiredHeaders = Map.of();
    Supplier<List<DiscoveryEntry>> discovery;

    public static RemoteSignerConfig defaults() {
        return new RemoteSignerConfig();
    }

    public RemoteSignerConfig host(String host) {
        this.host = host;
        return this;
    }

    /** 0 (the default) picks an ephemeral port. */
    public RemoteSignerConfig port(int port) {
        this.port = port;
        return this;
    }

    /** Serve HTTPS with a self-signed certificate instead of plain HTTP. */
    public RemoteSignerConfig tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /** The clock that bills elapsed time and judges auth-token expiry. */
    public RemoteSignerConfig clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How long orchestrators' auth tokens are valid; refresh is asked in the last tenth of it. */
    public RemoteSignerConfig authTokenValidPeriod(Duration period) {
        this.authTokenValidPeriod = period;
        return this;
    }

    /** The configured maximum price in wei per unit ({@code -maxPricePerUnit}); null for none. */
    public RemoteSignerConfig maxPrice(BigRational maxPrice) {
        this.maxPrice = maxPrice;
        return this;
    }

    public RemoteSignerConfig maxTicketEv(BigRational maxTicketEv) {
        this.maxTicketEv = maxTicketEv;
        return this;
    }

    public RemoteSignerConfig maxTotalEv(BigRational maxTotalEv) {
        this.maxTotalEv = maxTotalEv;
        return this;
    }

    /** Headers every request must carry (name → value); the values are secrets. */
    public RemoteSignerConfig requiredHeaders(Map<String, String> headers) {
        this.requiredHeaders = Map.copyOf(headers);
        return this;
    }

    /** Enables {@code GET /discover-orchestrators}, listing what {@code source} returns. */
    public RemoteSignerConfig discovery(Supplier<List<DiscoveryEntry>> source) {
        this.discovery = source;
        return this;
    }
}
