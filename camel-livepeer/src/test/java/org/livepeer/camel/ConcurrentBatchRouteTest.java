package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;
import org.livepeer.simulator.orchestrator.DefaultModels;
import org.livepeer.simulator.orchestrator.SimOrchestrator;

/** Many exchanges at once through one route: every one is served and paid, no nonce is ever reused. */
class ConcurrentBatchRouteTest extends CamelTestSupport {

    private static final String IMAGE = DefaultModels.modelFor(Capability.TEXT_TO_IMAGE);
    private static final int EXCHANGES = 64;

    @RegisterExtension
    @Order(1)
    final LivepeerSimulatorExtension livepeer =
            LivepeerSimulatorExtension.create(b -> b.orchestrators(2).orchestratorDefaults(o -> o.defaultCapacity(64)));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivepeerComponent component = context.getComponent("livepeer", LivepeerComponent.class);
        component.getConfiguration().setOrchestrators(livepeer.orchestrators());
        component.getConfiguration().setSignerUrl(livepeer.signerUrl());
        // many TLS handshakes and probes at once on a small machine: leave room for the first ones
        component.getConfiguration().setProbeTimeout(15000);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:image")
                        .to("livepeer:text-to-image?modelId=" + IMAGE + "&fields={\"width\":64,\"height\":64}");
            }
        };
    }

    @Test
    void sixtyFourConcurrentExchangesThroughOneRouteAllSucceedAndNoNonceIsSentTwice() throws Exception {
        List<CompletableFuture<Exchange>> replies = new ArrayList<>();
        for (int i = 0; i < EXCHANGES; i++) {
            replies.add(template.asyncSend(
                    "direct:image", exchange -> exchange.getMessage().setBody("a lighthouse " + exchange)));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Exchange> reply : replies) {
            Exchange exchange = reply.get(120, TimeUnit.SECONDS);
            if (exchange.getException() != null) {
                failures.add(String.valueOf(exchange.getException().getMessage()));
            }
        }

        assertEquals(List.of(), failures, "every exchange was served");
        long received = 0;
        for (SimOrchestrator orchestrator : livepeer.simulator().orchestrators()) {
            assertEquals(
                    0,
                    orchestrator.tickets().nonceCounts().reused(),
                    "no (recipientRandHash, senderNonce) pair arrived twice at " + orchestrator.name());
            received += orchestrator.tickets().nonceCounts().received();
        }
        assertTrue(received > 0, "tickets were sent");
    }
}
