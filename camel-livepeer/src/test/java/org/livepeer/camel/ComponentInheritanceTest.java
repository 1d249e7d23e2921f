package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

class ComponentInheritanceTest extends CamelTestSupport {

    private static final String URI = "livepeer:text-to-image?modelId=ByteDance/SDXL-Lightning";

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    /** The test configures the component between creating the endpoint and starting the context. */
    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withAutoStartContext(false);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:image").to(URI);
            }
        };
    }

    @Test
    void networkOptionsSetOnTheComponentAfterAnEndpointWasCreatedStillApply() throws Exception {
        context.getEndpoint(URI);
        context.getComponent("livepeer", LivepeerComponent.class)
                .getConfiguration()
                .setToken(livepeer.token());
        context.start();

        var reply = template.request("direct:image", e -> e.getMessage().setBody("a lighthouse"));

        assertEquals(null, reply.getException());
        assertEquals(
                livepeer.simulator().orchestrator(0).address(),
                reply.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));
    }
}
