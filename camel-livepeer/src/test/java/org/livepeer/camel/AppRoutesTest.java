package org.livepeer.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.apps.RunnerMode;
import org.livepeer.simulator.apps.RunnerPrice;
import org.livepeer.simulator.apps.SimApps;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/** livepeer:app routes against the simulator: single-shot calls, a shared session, an event stream. */
class AppRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(b -> b.runners(
            RunnerConfig.builder("echo")
                    .app("echo/v1")
                    .capacity(4)
                    .price(RunnerPrice.perSecond(1000))
                    .build(),
            RunnerConfig.builder("once")
                    .app("echo/once")
                    .mode(RunnerMode.SINGLE_SHOT)
                    .capacity(4)
                    .price(RunnerPrice.fixed(700))
                    .build()));

    @Override
    protected RouteBuilder createRouteBuilder() {
        String token = livepeer.token();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:once")
                        .to("livepeer:app?app=echo/once&path=/echo&token=" + token)
                        .to("mock:once");
                from("direct:session")
                        .routeId("session")
                        .to("livepeer:app?app=echo/v1&session=s1&path=/echo&token=" + token)
                        .to("mock:session");
                from("direct:events")
                        .routeId("events")
                        .to("livepeer:app?app=echo/v1&session=s1&path=/events?count=3&token=" + token)
                        .split(body())
                        .streaming()
                        .convertBodyTo(String.class)
                        .to("mock:events");
            }
        };
    }

    private SimApps simApps() {
        return livepeer.simulator().orchestrator(0).apps();
    }

    @Test
    void aSingleShotCallSendsTheMessageAndReturnsTheAnswer() throws Exception {
        Exchange answer = template.request("direct:once", exchange -> {
            exchange.getMessage().setBody("hello runner");
            exchange.getMessage().setHeader("X-Tenant", "t1");
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "lang=en");
        });

        assertEquals(null, answer.getException());
        assertEquals(200, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        JsonNode echoed = JSON.readTree(answer.getMessage().getBody(String.class));
        assertEquals("POST", echoed.get("method").asText());
        assertEquals("lang=en", echoed.get("query").asText());
        assertEquals("t1", echoed.get("headers").get("x-tenant").asText());
        assertEquals("hello runner", echoed.get("body").asText());
        assertNotNull(answer.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));
    }

    @Test
    void endpointsNamingASessionShareItAndItStopsWithTheirRoutes() throws Exception {
        Exchange first = template.request("direct:session", e -> e.getMessage().setBody(Map.of("n", 1)));
        Exchange second = template.request("direct:session", e -> e.getMessage().setBody(Map.of("n", 2)));

        String session = first.getMessage().getHeader(LivepeerConstants.APP_SESSION_ID, String.class);
        assertNotNull(session);
        assertEquals(session, second.getMessage().getHeader(LivepeerConstants.APP_SESSION_ID, String.class));
        JsonNode echoed = JSON.readTree(second.getMessage().getBody(String.class));
        assertEquals("{\"n\":2}", echoed.get("body").asText());
        assertEquals(
                "application/json", echoed.get("headers").get("content-type").asText());
        assertEquals(1, simApps().activeSessions("echo"));

        context.getRouteController().stopRoute("session");
        assertEquals(1, simApps().activeSessions("echo"), "the events route still uses it");
        context.getRouteController().stopRoute("events");
        await().atMost(Duration.ofSeconds(10)).until(() -> simApps().activeSessions("echo") == 0);
    }

    @Test
    void anEventStreamIsSplitEventByEvent() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedBodiesReceived("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");

        template.sendBody("direct:events", null);

        events.assertIsSatisfied(10_000);
    }

    @Test
    void anUnknownAppFailsTheExchangeNamingTheApp() {
        Exception failure = template.request(
                        "livepeer:app?app=nope/v1&path=/echo&token=" + livepeer.token(),
                        e -> e.getMessage().setBody("x"))
                .getException();
        assertInstanceOf(NoOrchestratorAvailableException.class, failure);
        assertTrue(failure.getMessage().contains("app 'nope/v1'"), failure.getMessage());
    }

    @Test
    void badPathsAndBodiesAreRefusedNamingTheOption() {
        Exception path = assertThrows(
                Exception.class,
                () -> template.sendBody("livepeer:app?app=echo/once&path=echo&token=" + livepeer.token(), "x"));
        ConfigurationException badPath = findCause(path, ConfigurationException.class);
        assertEquals("path", badPath.option());

        Exception body = template.request(
                        "livepeer:app?app=echo/once&path=/echo&token=" + livepeer.token(),
                        e -> e.getMessage().setBody(new Object()))
                .getException();
        ConfigurationException badBody = assertInstanceOf(ConfigurationException.class, body);
        assertEquals("body", badBody.option());
        assertTrue(badBody.getMessage().contains("java.lang.Object"), badBody.getMessage());
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + error, error);
    }
}
