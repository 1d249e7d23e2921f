package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class EndpointValidationTest {

    private static String startFailure(String uri) {
        try (CamelContext context = new DefaultCamelContext()) {
            java.util.Properties secrets = new java.util.Properties();
            secrets.setProperty("bad.headers", "Bearer-t0ken");
            secrets.setProperty("bad.token", "%%%s3cret");
            context.getPropertiesComponent().setInitialProperties(secrets);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });
            Exception failure = assertThrows(Exception.class, context::start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" | ");
            }
            return messages.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownPipelineIsNamed() {
        String message = startFailure("livepeer:text-to-pizza?modelId=m&orchestrators=o:1");
        assertTrue(message.contains("pipeline: unknown pipeline 'text-to-pizza'"), message);
        assertTrue(message.contains("text-to-image"), "lists the valid ones: " + message);
    }

    @Test
    void aLiveSessionWithoutAModelIsNamed() {
        String message = startFailure("livepeer:live-video-to-video?orchestrators=o:1&session=s");
        assertTrue(message.contains("modelId:"), message);
    }

    @Test
    void malformedUrlsHeaderListsAndTokensAreNamedWithoutSecrets() {
        assertTrue(startFailure("livepeer:llm?modelId=m&signerUrl=ftp://s").contains("signerUrl:"));
        assertTrue(
                startFailure("livepeer:llm?modelId=m&orchestrators=http://o:1").contains("orchestrators:"));

        String headers = startFailure("livepeer:llm?modelId=m&signerUrl=http://s:1&signerHeaders=RAW({{bad.headers}})");
        assertTrue(headers.contains("signerHeaders:"), headers);
        assertFalse(headers.contains("t0ken"), headers);

        String token = startFailure("livepeer:llm?modelId=m&token=RAW({{bad.token}})");
        assertTrue(token.contains("token:"), token);
        assertFalse(token.contains("s3cret"), token);

        assertTrue(startFailure("livepeer:llm?modelId=m&orchestrators=o:1&maxPrice=cheap")
                .contains("maxPrice:"));
        String outputType = startFailure("livepeer:llm?modelId=m&orchestrators=o:1&outputType=pdf");
        assertTrue(outputType.contains("outputType") && outputType.contains("pdf"), outputType);
        assertTrue(startFailure("livepeer:upscale?modelId=m&orchestrators=o:1&stream=true")
                .contains("stream:"));
    }

    @Test
    void badLiveSessionLimitsAreNamed() {
        String live = "livepeer:live-video-to-video?modelId=m&orchestrators=o:1&session=s";
        assertTrue(startFailure(live + "&inputSegmentTimeout=0").contains("inputSegmentTimeout: must be positive"));
        assertTrue(startFailure(live + "&outputStallTimeout=-5").contains("outputStallTimeout: must be positive"));
        assertTrue(startFailure(live + "&maxInflightSegments=0").contains("maxInflightSegments: must be at least 1"));
        assertTrue(startFailure(live + "&maxRecoveries=-1").contains("maxRecoveries:"));
        assertTrue(startFailure(live + "&recoveryWindow=0").contains("recoveryWindow: must be positive"));
    }

    @Test
    void secretOptionsAreMaskedInTheEndpointUri() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            String uri = context.getEndpoint("livepeer:llm?modelId=m&orchestrators=o:1"
                            + "&signerUrl=http://s:1&signerHeaders=RAW(Authorization: Bearer s3cret)")
                    .getEndpointUri();
            assertFalse(uri.contains("s3cret"), uri);
            assertTrue(uri.contains("signerHeaders=xxxxxx"), uri);
        }
    }
}
