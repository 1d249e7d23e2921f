package org.livepeer.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.DiscoveryException;
import org.livepeer.gateway.GatewayConfig;
import org.livepeer.gateway.LivepeerGateway;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.selection.SelectionRequest;
import org.livepeer.http.TransportException;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;

/** A discovery endpoint that stalls or echoes its credentials fails briefly, without the secrets. */
class DiscoveryFaultsTest {

    private static final String API_KEY = "apikey-3b9e1d77c0";
    private static final String HEADER = "Bearer disc-51aa90e2f4";

    private static LivepeerGateway gateway(HostileServer server, Duration timeout) {
        return LivepeerGateway.builder(GatewayConfig.builder()
                        .discoveryUrl(server.baseUrl() + "/list?apikey=" + API_KEY)
                        .discoveryHeaders(Map.of("Authorization", HEADER))
                        .requestTimeout(timeout)
                        .build())
                .build();
    }

    @Test
    void aDiscoveryAnswerThatEchoesTheQueryAndHeadersKeepsThemOutOfTheMessage() throws Exception {
        try (HostileServer server = HostileServer.start(request ->
                        Script.respond(502, "text/plain", request.target() + " " + request.header("Authorization")));
                LivepeerGateway gateway = gateway(server, Duration.ofSeconds(5))) {

            ExecutionException error =
                    assertThrows(ExecutionException.class, () -> gateway.select(SelectionRequest.of(Pipeline.LLM, "m"))
                            .get(10, TimeUnit.SECONDS));

            DiscoveryException failed = assertInstanceOf(DiscoveryException.class, error.getCause());
            assertTrue(failed.getMessage().contains("/list"), failed.getMessage());
            assertFalse(failed.getMessage().contains(API_KEY), failed.getMessage());
            assertFalse(failed.getMessage().contains("disc-51aa90e2f4"), failed.getMessage());
            assertFalse(failed.url().contains(API_KEY), failed.url());
        }
    }

    @Test
    void aDiscoveryAnswerThatStallsFailsWithinTheRequestTimeout() throws Exception {
        try (HostileServer server = HostileServer.start(request -> Script.create()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n[")
                        .repeat(" ", Duration.ofMillis(50)));
                LivepeerGateway gateway = gateway(server, Duration.ofMillis(500))) {

            ExecutionException error =
                    assertThrows(ExecutionException.class, () -> gateway.select(SelectionRequest.of(Pipeline.LLM, "m"))
                            .get(10, TimeUnit.SECONDS));

            DiscoveryException failed = assertInstanceOf(DiscoveryException.class, error.getCause());
            TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
            assertEquals(TransportException.Kind.TOTAL_TIMEOUT, cause.kind());
        }
    }
}
