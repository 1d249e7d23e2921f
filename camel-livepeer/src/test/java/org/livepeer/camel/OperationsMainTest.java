package org.livepeer.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/**
 * What an operator sees of the component in a camel-main application with health checks, the dev
 * console, JMX and Micrometer: readiness of the network, liveness of live consumers, the
 * {@code livepeer} console, managed attributes and meters.
 */
class OperationsMainTest {

    private static final String IMAGE = "livepeer:text-to-image?modelId=ByteDance/SDXL-Lightning";
    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion";

    /** A network per test: one test stops its signer. */
    @RegisterExtension
    final LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    private Main main;

    private CamelContext start(RouteBuilder routes, Map<String, Object> beans) throws Exception {
        main = new Main();
        main.addInitialProperty("camel.component.livepeer.token", livepeer.token());
        // generous for a busy test machine; readiness is what is tested, not speed
        main.addInitialProperty("camel.component.livepeer.probeTimeout", "15000");
        main.addInitialProperty("camel.health.enabled", "true");
        main.addInitialProperty("camel.health.exposureLevel", "full");
        main.addInitialProperty("camel.main.devConsoleEnabled", "true");
        main.addInitialProperty("camel.main.jmxEnabled", "true");
        beans.forEach(main::bind);
        main.configure().addRoutesBuilder(routes);
        main.start();
        return main.getCamelContext();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    private static Optional<HealthCheck.Result> result(CamelContext context, boolean readiness, String id) {
        var results =
                readiness ? HealthCheckHelper.invokeReadiness(context) : HealthCheckHelper.invokeLiveness(context);
        return results.stream().filter(r -> r.getCheck().getId().equals(id)).findFirst();
    }

    @Test
    void theComponentIsReadyWhileTheSignerAnswersAndAnOrchestratorServesAndNotAfterTheSignerStops() throws Exception {
        CamelContext context = start(
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:image").to(IMAGE);
                    }
                },
                Map.of());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> result(context, true, "livepeer").orElseThrow().getState() == HealthCheck.State.UP);
        HealthCheck.Result ready = result(context, true, "livepeer").orElseThrow();
        assertEquals(HealthCheck.State.UP, ready.getState(), String.valueOf(ready.getMessage()));
        assertEquals(livepeer.orchestratorAddresses().get(0), ready.getDetails().get("livepeer.0.orchestrator"));
        assertEquals("ok", ready.getDetails().get("livepeer.0.signer"));

        livepeer.simulator().signer().close();

        HealthCheck.Result down = result(context, true, "livepeer").orElseThrow();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(
                down.getMessage().orElse("").startsWith("signer: "),
                down.getMessage().orElse(""));
        assertTrue(
                result(context, false, "livepeer").isEmpty(),
                "the network's state decides readiness, not liveness (restarting would not help)");
    }

    @Test
    void aLiveConsumerIsLiveWhileItsSessionRunsAndNotWhenItsSessionCannotStart() throws Exception {
        CamelContext context = start(
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(LIVE + "&session=good").routeId("good-output").to("mock:good");
                        from("livepeer:live-video-to-video?modelId=no-such-model&session=bad")
                                .routeId("bad-output")
                                .to("mock:bad");
                    }
                },
                Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> result(context, false, "livepeer-consumer:bad-output")
                .map(r -> r.getState() == HealthCheck.State.DOWN)
                .orElse(false));
        HealthCheck.Result bad =
                result(context, false, "livepeer-consumer:bad-output").orElseThrow();
        assertTrue(
                bad.getMessage().orElse("").contains("live session bad did not start"),
                bad.getMessage().orElse(""));
        assertTrue(
                bad.getMessage().orElse("").contains("no-such-model"),
                bad.getMessage().orElse(""));
        HealthCheck.Result good =
                result(context, false, "livepeer-consumer:good-output").orElseThrow();
        assertEquals(HealthCheck.State.UP, good.getState(), good.getMessage().orElse(""));
        assertEquals("good", good.getDetails().get("livepeer.session"));
        HealthCheck.Result camelConsumerCheck =
                result(context, true, "consumer:bad-output").orElseThrow();
        assertEquals(HealthCheck.State.DOWN, camelConsumerCheck.getState(), "Camel's consumer check agrees");
    }

    @Test
    void theDevConsoleJmxAndMetersShowRequestsAndLiveSessions() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CamelContext context = start(
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:image").to(IMAGE);
                        from("direct:live").to(LIVE + "&session=ops");
                        from(LIVE + "&session=ops").to("mock:out");
                    }
                },
                Map.of("meters", meters));
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedMessageCount(2);

        var template = context.createProducerTemplate();
        template.requestBody("direct:image", "a lighthouse");
        template.sendBody("direct:live", "segment one".getBytes(StandardCharsets.UTF_8));
        template.sendBody("direct:live", "segment two".getBytes(StandardCharsets.UTF_8));
        out.assertIsSatisfied();

        String orchestrator = livepeer.orchestratorAddresses().get(0);
        var timer = meters.get("livepeer.batch.requests")
                .tag("pipeline", "text-to-image")
                .tag("model", "ByteDance/SDXL-Lightning")
                .tag("orchestrator", orchestrator)
                .tag("outcome", "success")
                .timer();
        assertEquals(1, timer.count());
        assertTrue(meters.get("livepeer.batch.paid.wei")
                        .tag("orchestrator", orchestrator)
                        .counter()
                        .count()
                > 0);
        assertEquals(
                2,
                meters.get("livepeer.live.segments")
                        .tag("session", "ops")
                        .tag("outcome", "success")
                        .timer()
                        .count());

        DevConsoleRegistry consoles = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        assertNotNull(consoles, "the dev console is enabled");
        DevConsole console = consoles.resolveById("livepeer");
        assertNotNull(console, "the livepeer console is found by its id");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("Batch requests: 1 (0 failed)"), text);
        assertTrue(text.contains("Live session ops: manifest "), text);
        assertTrue(text.contains("segments in 2"), text);
        assertFalse(text.contains(livepeer.token()), "no secret in the console");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        assertTrue(json.toString().contains("segmentsIn=2"), json.toString());

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(
                new ObjectName("org.apache.camel:context=" + context.getManagementName()
                        + ",type=components,name=\"livepeer\""),
                null);
        assertEquals(1, names.size(), "the component is managed");
        ObjectName component = names.iterator().next();
        assertEquals(1, jmx.getAttribute(component, "LiveSessionCount"));
        assertEquals(List.of("ops"), jmx.getAttribute(component, "LiveSessionNames"));
        assertEquals(1L, jmx.getAttribute(component, "BatchRequests"));
        String stats = (String)
                jmx.invoke(component, "liveSessionStatistics", new Object[] {"ops"}, new String[] {"java.lang.String"});
        assertTrue(stats.contains("segmentsIn=2"), stats);
    }
}
