package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;

/** The live endpoints' start position and lag policy options. */
class LiveSubscribeOptionsTest {

    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion&orchestrators=o:1";

    @Test
    void badStartPositionsAndLagPoliciesAreNamed() {
        assertTrue(startFailure(LIVE + "&session=a&subscribeStart=latest").contains("subscribeStart:"));
        assertTrue(startFailure(LIVE + "&session=a&subscribeStart=-3").contains("subscribeStart:"));
        assertTrue(startFailure(LIVE + "&session=a&lagPolicy=dropAll").contains("lagPolicy:"));
        assertTrue(startFailure(LIVE + "&session=a&maxLagSegments=-1").contains("maxLagSegments:"));
    }

    @Test
    void anEventsConsumerStartingAtSeqZeroSeesTheRunnerStart() throws Exception {
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                CamelContext context = new DefaultCamelContext()) {
            context.getComponent("livepeer", LivepeerComponent.class)
                    .getConfiguration()
                    .setToken(sim.token());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("livepeer:live-video-to-video?modelId=streamdiffusion&session=s&channel=events"
                                    + "&subscribeStart=0&lagPolicy=skipToLatest&maxLagSegments=3")
                            .to("mock:events");
                }
            });
            context.start();
            MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);
            events.expectedMinimumMessageCount(1);
            events.assertIsSatisfied();
            Map<?, ?> first = events.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
            assertEquals("runner_started", first.get("type"));
        }
    }

    private static String startFailure(String uri) {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });
            Exception failure = assertThrows(Exception.class, context::start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            return messages.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
