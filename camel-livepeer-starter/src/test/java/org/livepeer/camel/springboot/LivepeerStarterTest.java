package org.livepeer.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.livepeer.camel.LivepeerComponent;
import org.livepeer.camel.LivepeerConfiguration;
import org.livepeer.camel.LivepeerConstants;
import org.livepeer.camel.OutputType;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.simulator.LivepeerSimulator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class LivepeerStarterTest {

    @Test
    void anApplicationConfiguredOnlyByPropertiesRunsBatchAndLiveRoutesOnTheNetwork() throws Exception {
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(LivepeerStarterApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties(
                                "camel.component.livepeer.token=" + sim.token(),
                                "camel.component.livepeer.probe-timeout=20s",
                                "camel.component.livepeer.payment-interval=1s",
                                "camel.component.livepeer.output-type=response")
                        .run()) {
            CamelContext camel = app.getBean(CamelContext.class);
            LivepeerConfiguration applied =
                    camel.getComponent("livepeer", LivepeerComponent.class).getConfiguration();
            assertEquals(sim.token(), applied.getToken());
            assertEquals(20_000, applied.getProbeTimeout());
            assertEquals(1_000, applied.getPaymentInterval());
            assertEquals(OutputType.RESPONSE, applied.getOutputType());
            ProducerTemplate template = camel.createProducerTemplate();

            var image = template.request("direct:image", e -> e.getMessage().setBody("a lighthouse"));

            assertEquals(null, image.getException());
            assertEquals(
                    1,
                    assertInstanceOf(ImageResponse.class, image.getMessage().getBody())
                            .images()
                            .size());
            assertEquals(
                    sim.orchestrator(0).address(), image.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));
            assertTrue(image.getMessage()
                            .getHeader(LivepeerConstants.AMOUNT_PAID, BigDecimal.class)
                            .signum()
                    > 0);

            MockEndpoint liveOut = camel.getEndpoint("mock:live-out", MockEndpoint.class);
            List<byte[]> segments = List.of(segment(0), segment(1), segment(2));
            liveOut.expectedMessageCount(segments.size());
            segments.forEach(s -> template.sendBody("direct:live", s));
            liveOut.assertIsSatisfied();
            for (int i = 0; i < segments.size(); i++) {
                assertArrayEquals(
                        segments.get(i),
                        liveOut.getReceivedExchanges().get(i).getMessage().getBody(byte[].class));
            }
        }
    }

    @Test
    void everyComponentOptionHasAPropertyInTheGeneratedMetadata() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/org/livepeer/camel/livepeer.json")) {
            catalog = json.readTree(in);
        }
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = json.readTree(in);
        }
        Set<String> properties = new HashSet<>();
        metadata.path("properties").forEach(p -> properties.add(p.path("name").asText()));

        catalog.path("componentProperties").fieldNames().forEachRemaining(option -> {
            String property = "camel.component.livepeer."
                    + option.replaceAll("([A-Z])", "-$1").toLowerCase();
            assertTrue(properties.contains(property), property + " is missing from the Spring Boot metadata");
        });
    }

    private static byte[] segment(int i) {
        return ("boot segment " + i + " " + "x".repeat(2000 + i)).getBytes(StandardCharsets.UTF_8);
    }
}
