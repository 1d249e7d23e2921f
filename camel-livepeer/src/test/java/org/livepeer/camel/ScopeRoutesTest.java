package org.livepeer.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/** livepeer:scope routes: control messages to a Scope session and its events back, the session shared. */
class ScopeRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    @Override
    protected RouteBuilder createRouteBuilder() {
        String token = livepeer.token();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:control")
                        .routeId("scope-control")
                        .to("livepeer:scope?session=sc&params={\"prompt\":\"a cat\"}&token=" + token);
                from("livepeer:scope?session=sc&token=" + token)
                        .routeId("scope-events")
                        .filter(simple("${body[type]} == 'params_update'"))
                        .to("mock:updates");
            }
        };
    }

    @Test
    void controlMessagesReachTheScopeRunnerAndItsEventsComeBack() throws Exception {
        MockEndpoint updates = getMockEndpoint("mock:updates");
        updates.expectedMessageCount(1);

        template.sendBody("direct:control", Map.of("prompt", "a heron"));

        updates.assertIsSatisfied(10_000);
        Map<?, ?> update = updates.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
        assertEquals("a heron", ((Map<?, ?>) update.get("params")).get("prompt"));
        assertEquals(
                1, livepeer.simulator().orchestrator(0).apps().scopeSessions().size(), "one shared session");

        context.getRouteController().stopRoute("scope-control");
        context.getRouteController().stopRoute("scope-events");
        await().atMost(Duration.ofSeconds(10)).until(() -> livepeer.simulator()
                .orchestrator(0)
                .apps()
                .scopeSessions()
                .isEmpty());
    }
}
