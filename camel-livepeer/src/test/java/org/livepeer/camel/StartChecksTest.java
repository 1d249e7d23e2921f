package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livepeer.gateway.ConfigurationException;

/** What is checked when a route starts: a missing network, consistently for every kind of endpoint. */
class StartChecksTest {

    private static final String NO_NETWORK =
            "has no network to use: set orchestrators, discoveryUrl, signerUrl or token";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "livepeer:text-to-image?modelId=m",
                "livepeer:text-to-image",
                "livepeer:live-video-to-video?modelId=m&session=s",
                "livepeer:live-video-to-video?modelId=m&session=s&channel=control"
            })
    void aProducerWithoutANetworkFailsWhenItsRouteStarts(String uri) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });

            Exception failure = assertThrows(Exception.class, context::start);

            String messages = messages(failure);
            assertTrue(messages.contains("orchestrators: ") && messages.contains(NO_NETWORK), messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"media", "events"})
    void aConsumerWithoutANetworkFailsWhenItsRouteStarts(String channel) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("livepeer:live-video-to-video?modelId=m&session=s&channel=" + channel)
                            .to("mock:out");
                }
            });

            Exception failure = assertThrows(Exception.class, context::start);

            assertTrue(messages(failure).contains(NO_NETWORK), messages(failure));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"component", "endpoint"})
    void withLazyStartProducerTheRouteStartsAndTheFirstExchangeFails(String where) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String uri = "livepeer:llm?modelId=m";
            if (where.equals("component")) {
                context.getComponent("livepeer", LivepeerComponent.class).setLazyStartProducer(true);
            } else {
                uri += "&lazyStartProducer=true";
            }
            String target = uri;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(target);
                }
            });
            context.start();

            Exchange reply = context.createProducerTemplate()
                    .request("direct:in", e -> e.getMessage().setBody("hello"));

            ConfigurationException failure = assertInstanceOf(ConfigurationException.class, reply.getException());
            assertTrue(failure.getMessage().contains(NO_NETWORK), failure.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orchestrators=127.0.0.1:1",
                "discoveryUrl=http://127.0.0.1:1/orchestrators",
                "signerUrl=http://127.0.0.1:1"
            })
    void anyOneWayToFindOrchestratorsIsANetwork(String network) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("livepeer:text-to-image?" + network);
                }
            });

            context.start();

            assertTrue(context.getRouteController()
                    .getRouteStatus(context.getRoutes().get(0).getId())
                    .isStarted());
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append(" | ");
        }
        return out.toString();
    }
}
