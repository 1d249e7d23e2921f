package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;
import org.livepeer.simulator.payment.BigRational;

/** Every batch pipeline, from Java, YAML and XML DSL routes, paid on the simulated network. */
class BatchRoutesTest extends CamelTestSupport {

    enum Dsl {
        JAVA,
        YAML,
        XML
    }

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(b -> b.orchestrators(2));

    /** Each test loads its routes in the DSL it is given, then starts the context. */
    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseRouteBuilder(false);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("livepeer", LivepeerComponent.class)
                .getConfiguration()
                .setToken(livepeer.token());
        return context;
    }

    @ParameterizedTest
    @EnumSource(Dsl.class)
    void everyPipelineAnswersAndIsPaid(Dsl dsl) throws Exception {
        addRoutes(context, dsl);
        context.start();

        for (PipelineCases c : PipelineCases.all()) {
            Exchange reply = template.request("direct:" + c.pipeline().pipelineName(), e -> {
                e.getMessage().setBody(c.body());
                e.getMessage().setHeader(LivepeerConstants.FIELDS, c.fields());
            });

            assertTrue(reply.getException() == null, c.pipeline() + ": " + reply.getException());
            Object body = reply.getMessage().getBody();
            assertNotNull(body, c.pipeline().pipelineName());
            assertTrue(
                    livepeer.orchestratorAddresses()
                            .contains(reply.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED)),
                    c.pipeline().pipelineName());
            assertEquals(c.model(), reply.getMessage().getHeader(LivepeerConstants.MODEL_USED));
            BigDecimal paid = reply.getMessage().getHeader(LivepeerConstants.AMOUNT_PAID, BigDecimal.class);
            assertTrue(paid.signum() > 0, c.pipeline() + " paid " + paid);
            // credit carries over between requests: a request may be paid from an earlier one's tickets
            assertTrue(
                    credited(c.manifest()).signum() > 0,
                    "an orchestrator credited tickets for " + c.pipeline() + " work");
            if (c.pipeline() == org.livepeer.gateway.Pipeline.TEXT_TO_IMAGE) {
                assertEquals(
                        1, assertInstanceOf(ImageResponse.class, body).images().size());
            }
            if (c.pipeline() == org.livepeer.gateway.Pipeline.LLM) {
                LlmResponse answer = assertInstanceOf(LlmResponse.class, body);
                assertTrue(!answer.choices().isEmpty());
            }
        }
    }

    private static BigRational credited(String manifest) {
        BigRational total = BigRational.ZERO;
        for (var orchestrator : livepeer.simulator().orchestrators()) {
            total = total.add(orchestrator.balances().totalCredited(manifest));
        }
        return total;
    }

    private static void addRoutes(CamelContext context, Dsl dsl) throws Exception {
        switch (dsl) {
            case JAVA -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (PipelineCases c : PipelineCases.all()) {
                        from("direct:" + c.pipeline().pipelineName())
                                .to("livepeer:" + c.pipeline().pipelineName() + "?modelId=" + c.model());
                    }
                }
            });
            case YAML -> load(context, "routes.yaml", yaml());
            case XML -> load(context, "routes.xml", xml());
        }
    }

    private static void load(CamelContext context, String name, String text) throws Exception {
        Resource resource = ResourceHelper.fromString(name, text);
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
    }

    private static String yaml() {
        StringBuilder out = new StringBuilder();
        for (PipelineCases c : PipelineCases.all()) {
            out.append("- route:\n")
                    .append("    from:\n")
                    .append("      uri: direct:")
                    .append(c.pipeline().pipelineName())
                    .append('\n')
                    .append("      steps:\n")
                    .append("        - to:\n")
                    .append("            uri: livepeer:")
                    .append(c.pipeline().pipelineName())
                    .append('\n')
                    .append("            parameters:\n")
                    .append("              modelId: \"")
                    .append(c.model())
                    .append("\"\n");
        }
        return out.toString();
    }

    private static String xml() {
        StringBuilder out = new StringBuilder("<routes xmlns=\"http://camel.apache.org/schema/xml-io\">\n");
        for (PipelineCases c : PipelineCases.all()) {
            out.append("  <route>\n    <from uri=\"direct:")
                    .append(c.pipeline().pipelineName())
                    .append("\"/>\n    <to uri=\"livepeer:")
                    .append(c.pipeline().pipelineName())
                    .append("?modelId=")
                    .append(c.model())
                    .append("\"/>\n  </route>\n");
        }
        return out.append("</routes>\n").toString();
    }
}
