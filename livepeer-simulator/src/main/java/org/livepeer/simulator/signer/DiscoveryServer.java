package org.livepeer.simulator.signer;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.livepeer.simulator.http.BodyConsumer;
import org.livepeer.simulator.http.Faults;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;

/**
 * A standalone discovery endpoint, as a gateway's discovery URL (go-livepeer's
 * {@code -orchWebhookUrl}) names it: {@code GET <url>[?caps=…]} answers the orchestrator list in
 * the webhook format; an empty network is an empty list. May demand its own header credentials.
 */
public final class DiscoveryServer implements AutoCloseable {

    public static final String PATH = "/orchestrators";

    private final SimHttpServer server;

    public DiscoveryServer(
            String host,
            int port,
            boolean tls,
            EventLoopGroup group,
            Supplier<List<DiscoveryEntry>> source,
            Map<String, String> requiredHeaders) {
        DiscoveryListing listing = new DiscoveryListing(source);
        Router router = new Router()
                .exact("GET", PATH, RequiredHeaders.of(requiredHeaders).guard(call -> {
                    List<DiscoveryEntry> entries = listing.current();
                    call.respond(
                            HttpResponseStatus.OK,
                            "application/json",
                            GoJson.encodeLine(DiscoveryListing.render(
                                    entries == null ? List.of() : entries, call.queryAll("caps"))),
                            null);
                    return BodyConsumer.IGNORE;
                }));
        this.server = new SimHttpServer(host, port, tls, group, router);
    }

    public DiscoveryServer start() {
        server.start();
        return this;
    }

    /** The full discovery URL to configure on a gateway. */
    public String url() {
        return server.baseUrl() + PATH;
    }

    public Faults faults() {
        return server.faults();
    }

    @Override
    public void close() {
        server.close();
    }
}
