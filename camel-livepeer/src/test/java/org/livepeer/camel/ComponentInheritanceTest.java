package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;

class ComponentInheritanceTest {

    private static final String URI = "livepeer:text-to-image?modelId=ByteDance/SDXL-Lightning";

    @Test
    void networkOptionsSetOnTheComponentAfterAnEndpointWasCreatedStillApply() throws Exception {
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:image").to(URI);
                }
            });
            context.getEndpoint(URI);
            context.getComponent("livepeer", LivepeerComponent.class)
                    .getConfiguration()
                    .setToken(sim.token());
            context.start();

            var reply = context.createProducerTemplate()
                    .request("direct:image", e -> e.getMessage().setBody("a lighthouse"));

            assertEquals(null, reply.getException());
            assertEquals(
                    sim.orchestrator(0).address(), reply.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));
        }
    }
}
