package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/** How many gateways exist is bounded by configuration; reaching the bound never breaks a gateway in use. */
class GatewayLimitsTest extends CamelTestSupport {

    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion&session=s1";

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivepeerComponent component = context.getComponent("livepeer", LivepeerComponent.class);
        component.getConfiguration().setToken(livepeer.token());
        component.setMaxGateways(1);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:live").to(LIVE);
                from(LIVE).to("mock:out");
                from("direct:image").to("livepeer:text-to-image?modelId=ByteDance/SDXL-Lightning");
            }
        };
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "z".repeat(2000)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTenantHeaderBeyondTheBoundFailsItsExchangeAndTheLiveSessionKeepsItsGateway() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(2);
        template.sendBody("direct:live", segment(0));

        Exchange otherTenant = template.request("direct:image", e -> {
            e.getMessage().setBody("a lighthouse");
            e.getMessage().setHeader(LivepeerConstants.SIGNER_HEADERS, "Authorization: Bearer other-tenant");
        });

        assertTrue(otherTenant.getException() != null, "no second gateway may exist");
        assertTrue(
                otherTenant.getException().getMessage().contains("maxGateways"),
                otherTenant.getException().getMessage());
        assertTrue(!otherTenant.getException().getMessage().contains("other-tenant"), "no secret in the message");
        template.sendBody("direct:live", segment(1));
        out.assertIsSatisfied();
        assertArrayEquals(
                segment(1), out.getReceivedExchanges().get(1).getMessage().getBody(byte[].class));
    }
}
