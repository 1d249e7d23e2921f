package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.apps.RunnerMode;
import org.livepeer.simulator.apps.RunnerPrice;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/** livepeer:app and livepeer:scope from YAML routes: a single-shot call, an event stream split event by event, a Scope session. */
class YamlAppRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(b -> b.runners(
            RunnerConfig.builder("echo")
                    .app("echo/v1")
                    .capacity(2)
                    .price(RunnerPrice.perSecond(1000))
                    .build(),
            RunnerConfig.builder("once")
                    .app("echo/once")
                    .mode(RunnerMode.SINGLE_SHOT)
                    .capacity(2)
                    .price(RunnerPrice.fixed(700))
                    .build()));

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseRouteBuilder(false);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return livepeer.properties();
    }

    private void loadRoutes(String name, String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, yaml));
    }

    @Test
    void aYamlRouteCallsASingleShotApp() throws Exception {
        loadRoutes(
                "call.yaml",
                """
                - route:
                    from:
                      uri: direct:call
                      steps:
                        - to:
                            uri: livepeer:app
                            parameters:
                              app: echo/once
                              path: /echo
                              maxPrice: 1000
                              token: "{{livepeer.token}}"
                        - convertBodyTo:
                            type: String
                        - to: mock:answers
                """);
        context.start();
        MockEndpoint answers = getMockEndpoint("mock:answers");
        answers.expectedMessageCount(1);
        answers.expectedHeaderReceived(Exchange.HTTP_RESPONSE_CODE, 200);

        template.sendBody("direct:call", "from yaml");

        answers.assertIsSatisfied(10_000);
        JsonNode echoed =
                JSON.readTree(answers.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertEquals("from yaml", echoed.get("body").asText());
    }

    @Test
    void aYamlRouteSplitsAnAppsEventStream() throws Exception {
        loadRoutes(
                "events.yaml",
                """
                - route:
                    from:
                      uri: direct:events
                      steps:
                        - to:
                            uri: livepeer:app
                            parameters:
                              app: echo/v1
                              session: watcher
                              path: /events?count=4
                              token: "{{livepeer.token}}"
                        - split:
                            simple: "${body}"
                            streaming: true
                            steps:
                              - convertBodyTo:
                                  type: String
                              - to: mock:events
                """);
        context.start();
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedBodiesReceived("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

        template.sendBody("direct:events", null);

        events.assertIsSatisfied(10_000);
    }

    @Test
    void aYamlRouteDrivesAScopeSession() throws Exception {
        loadRoutes(
                "scope.yaml",
                """
                - route:
                    from:
                      uri: direct:scope
                      steps:
                        - to:
                            uri: livepeer:scope
                            parameters:
                              session: yaml-scope
                              token: "{{livepeer.token}}"
                - route:
                    from:
                      uri: livepeer:scope
                      parameters:
                        session: yaml-scope
                        token: "{{livepeer.token}}"
                      steps:
                        - filter:
                            simple: "${body[type]} == 'params_update'"
                            steps:
                              - to: mock:scope
                """);
        context.start();
        MockEndpoint updates = getMockEndpoint("mock:scope");
        updates.expectedMessageCount(1);

        template.sendBody("direct:scope", "{\"prompt\": \"from yaml\"}");

        updates.assertIsSatisfied(10_000);
        java.util.Map<?, ?> update =
                updates.getReceivedExchanges().get(0).getMessage().getBody(java.util.Map.class);
        assertEquals("from yaml", ((java.util.Map<?, ?>) update.get("params")).get("prompt"));
    }
}
