package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;
import org.livepeer.simulator.orchestrator.DefaultModels;

class ProducerBehaviourTest extends CamelTestSupport {

    private static final String LLM = DefaultModels.modelFor(Capability.LLM);
    private static final String IMAGE = DefaultModels.modelFor(Capability.TEXT_TO_IMAGE);

    /** A fresh network per test (tests change orchestrator capacity), started before the context. */
    @RegisterExtension
    @Order(1)
    final LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(
            b -> b.orchestrators(2).signerHeaders(Map.of("Authorization", "Bearer tenant-a")));

    private LivepeerSimulator sim;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        sim = livepeer.simulator();
        CamelContext context = super.createCamelContext();
        LivepeerComponent component = context.getComponent("livepeer", LivepeerComponent.class);
        component.getConfiguration().setOrchestrators(livepeer.orchestrators());
        component.getConfiguration().setSignerUrl(livepeer.signerUrl());
        component.getConfiguration().setSignerHeaders("Authorization: Bearer tenant-a");
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:llm-stream")
                        .to("livepeer:llm?modelId=" + LLM + "&stream=true&fields={\"max_tokens\":40}")
                        .split(body())
                        .streaming()
                        .to("mock:chunks");
                from("direct:image").to("livepeer:text-to-image?modelId=" + IMAGE);
            }
        };
    }

    @Test
    void streamedLlmAnswersSplitIntoChunksAsTheyArrive() throws Exception {
        MockEndpoint chunks = getMockEndpoint("mock:chunks");
        chunks.expectedMinimumMessageCount(2);

        template.sendBody("direct:llm-stream", "Tell me a story.");

        chunks.assertIsSatisfied();
        StringBuilder text = new StringBuilder();
        for (Exchange chunk : chunks.getReceivedExchanges()) {
            LlmResponse part =
                    assertInstanceOf(LlmResponse.class, chunk.getMessage().getBody());
            assertFalse(part.choices().isEmpty());
            if (part.choices().get(0).delta() != null
                    && part.choices().get(0).delta().content() != null) {
                text.append(part.choices().get(0).delta().content());
            }
        }
        assertFalse(text.toString().isBlank(), "the chunks carry the answer's text");
    }

    @Test
    void headersPinTheOrchestratorAndTheModelPerExchange() {
        String second = sim.orchestrator(1).address();
        Exchange reply = template.request("direct:image", e -> {
            e.getMessage().setBody(TextToImageRequest.of("a red fox"));
            e.getMessage().setHeader(LivepeerConstants.ORCHESTRATOR, second);
        });
        assertEquals(second, reply.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));
        assertEquals(IMAGE, reply.getMessage().getHeader(LivepeerConstants.MODEL_USED));

        Exchange unknownModel = template.request("direct:image", e -> {
            e.getMessage().setBody("a red fox");
            e.getMessage().setHeader(LivepeerConstants.MODEL_ID, "no/such-model");
        });
        LivepeerException failure = assertInstanceOf(LivepeerException.class, unknownModel.getException());
        assertTrue(failure.getMessage().contains("no/such-model"), failure.getMessage());
    }

    @Test
    void theCallersRequestIsLeftAsItWasSoARetryWithAnotherModelSendsWhatTheCallerBuilt() {
        TextToImageRequest request = TextToImageRequest.of("a red fox");

        Exchange unknownModel = template.request("livepeer:text-to-image?modelId=no/such-model", e -> e.getMessage()
                .setBody(request));
        assertNotNull(unknownModel.getException());
        assertEquals(null, request.modelId(), "the endpoint's model was not written into the caller's request");

        Exchange retried = template.request("direct:image", e -> e.getMessage().setBody(request));
        assertEquals(null, retried.getException());
        assertEquals(IMAGE, retried.getMessage().getHeader(LivepeerConstants.MODEL_USED));
    }

    @Test
    void busyOrchestratorsAreRetriedElsewhereAndTenantSignerHeadersAreUsed() {
        sim.orchestrator(0).setCapacity(Capability.TEXT_TO_IMAGE, IMAGE, 0);
        Exchange reply = template.request("direct:image", e -> e.getMessage().setBody("a lighthouse"));
        assertEquals(sim.orchestrator(1).address(), reply.getMessage().getHeader(LivepeerConstants.ORCHESTRATOR_USED));

        Exchange wrongTenant = template.request("direct:image", e -> {
            e.getMessage().setBody("a lighthouse");
            e.getMessage().setHeader(LivepeerConstants.SIGNER_HEADERS, Map.of("Authorization", "Bearer tenant-b"));
        });
        assertNotNull(wrongTenant.getException(), "the signer refuses the other tenant's credentials");
        assertFalse(wrongTenant.getException().getMessage().contains("tenant-b"));
        assertTrue(List.of(401, 403).stream()
                .anyMatch(s -> wrongTenant.getException().getMessage().contains(String.valueOf(s))));
    }

    @Test
    void bodiesMayBeAMapJsonTextAFileOrAStream(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {

        Object fromMap = template.requestBody("direct:image", Map.of("prompt", "a map", "width", 128, "height", 64));
        assertEquals(
                1,
                assertInstanceOf(org.livepeer.gateway.ai.model.ImageResponse.class, fromMap)
                        .images()
                        .size());
        Object fromJson = template.requestBody("direct:image", "{\"prompt\":\"json\",\"num_images_per_prompt\":2}");
        assertEquals(
                2,
                assertInstanceOf(org.livepeer.gateway.ai.model.ImageResponse.class, fromJson)
                        .images()
                        .size());

        String upscale = "livepeer:upscale?modelId=" + DefaultModels.modelFor(Capability.UPSCALE)
                + "&fields={\"prompt\":\"sharper\"}&outputType=bytes";
        java.nio.file.Path file = dir.resolve("in.png");
        java.nio.file.Files.write(file, MediaSamples.png(20, 10));
        byte[] fromFile = template.requestBody(upscale, file.toFile(), byte[].class);
        java.awt.image.BufferedImage big = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fromFile));
        assertEquals(80, big.getWidth());
        byte[] fromStream =
                template.requestBody(upscale, new java.io.ByteArrayInputStream(MediaSamples.png(20, 10)), byte[].class);
        assertEquals(
                40,
                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fromStream))
                        .getHeight());

        Exchange wrongBody = template.request(upscale, e -> e.getMessage().setBody(42));
        assertTrue(wrongBody.getException().getMessage().contains("cannot use a body of type java.lang.Integer"));
    }
}
