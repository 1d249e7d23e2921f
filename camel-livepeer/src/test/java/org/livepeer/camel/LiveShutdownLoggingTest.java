package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.LivepeerSimulator;

/** A live session that ends because its routes stop is a normal event: nothing above INFO is logged. */
class LiveShutdownLoggingTest extends CamelTestSupport {

    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion&session=quiet";
    private static final String[] CLIENT_LOGGERS = {
        "org.livepeer.camel", "org.livepeer.gateway", "org.livepeer.trickle", "org.livepeer.http"
    };

    private static LivepeerSimulator sim;
    private static CapturedLog log;

    @BeforeAll
    static void startNetworkAndCapture() {
        log = new CapturedLog();
        sim = LivepeerSimulator.builder()
                .orchestrators(1)
                .orchestratorDefaults(o -> o.livePaymentInterval(Duration.ofMillis(200)))
                .start();
    }

    @AfterAll
    static void stopNetwork() {
        sim.close();
        log.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivepeerConfiguration shared =
                context.getComponent("livepeer", LivepeerComponent.class).getConfiguration();
        shared.setToken(sim.token());
        shared.setProbeTimeout(20_000); // generous: the build machine may be busy
        shared.setPaymentInterval(300);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(LIVE);
                from("direct:control").to(LIVE + "&channel=control");
                from(LIVE).to("mock:out");
                from(LIVE + "&channel=events").to("mock:events");
            }
        };
    }

    @Test
    void aCleanLiveSessionShutdownLogsNothingAboveInfo() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(4);
        for (int i = 0; i < 4; i++) {
            template.sendBody("direct:in", ("segment " + i + " " + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8));
        }
        template.sendBody("direct:control", "{\"prompt\":\"a dog\"}");
        out.assertIsSatisfied();
        // the session pays only while input flows: keep segments coming until two payments went through
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    template.sendBody("direct:in", "more".getBytes(StandardCharsets.UTF_8));
                    return log.contains("live job") && sim.orchestrator(0).paymentsAccepted() >= 2;
                });

        context.stop();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> log.contains("live session quiet stopped"));

        List<String> loud = log.aboveInfo(CLIENT_LOGGERS);
        assertEquals(List.of(), loud, "a clean shutdown logged above INFO");
        assertTrue(log.contains("live session quiet stopped"), "the lifecycle is still logged at INFO");
    }
}
