package org.livepeer.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.simulator.LivepeerSimulator;

/** Live sessions from YAML routes: segments in, segments to files, control and events. */
class YamlLiveRoutesTest {

    @TempDir
    Path output;

    @Test
    void yamlRoutesStreamSegmentsToFilesAndEchoControlAsEvents() throws Exception {
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(props("livepeer.token", sim.token()));
            String yaml =
                    """
                    - route:
                        from:
                          uri: direct:segments
                          steps:
                            - to:
                                uri: livepeer:live-video-to-video
                                parameters:
                                  modelId: streamdiffusion
                                  token: "{{livepeer.token}}"
                                  session: s1
                    - route:
                        from:
                          uri: livepeer:live-video-to-video
                          parameters:
                            modelId: streamdiffusion
                            token: "{{livepeer.token}}"
                            session: s1
                          steps:
                            - to:
                                uri: file:%s
                                parameters:
                                  fileName: "segment-${header.CamelLivepeerSegmentSequence}.ts"
                    - route:
                        from:
                          uri: direct:control
                          steps:
                            - to:
                                uri: livepeer:live-video-to-video
                                parameters:
                                  modelId: streamdiffusion
                                  token: "{{livepeer.token}}"
                                  session: s1
                                  channel: control
                    - route:
                        from:
                          uri: livepeer:live-video-to-video
                          parameters:
                            modelId: streamdiffusion
                            token: "{{livepeer.token}}"
                            session: s1
                            channel: events
                          steps:
                            - filter:
                                simple: "${body[type]} == 'params_update'"
                                steps:
                                  - to: mock:events
                    """
                            .formatted(output.toAbsolutePath());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("live.yaml", yaml));
            context.start();
            MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);
            events.expectedMessageCount(1);

            var template = context.createProducerTemplate();
            for (int i = 0; i < 4; i++) {
                template.sendBody("direct:segments", segment(i));
            }
            template.sendBody("direct:control", Map.of("prompt", "a heron"));

            for (int i = 0; i < 4; i++) {
                Path file = output.resolve("segment-" + i + ".ts");
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file) && Files.size(file) > 0);
                int n = i;
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(file) == segment(n).length);
                assertArrayEquals(segment(i), Files.readAllBytes(file), "segment " + i);
            }
            events.assertIsSatisfied();
            Map<?, ?> update = events.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
            assertEquals("a heron", ((Map<?, ?>) update.get("params")).get("prompt"));
        }
    }

    @Test
    void theSampleCutIntoKeyframeSegmentsGoesThroughASessionToFilesUnchanged() throws Exception {
        Path input = Files.createDirectories(output.resolve("in"));
        Path outputs = output.resolve("out");
        try (var sample = getClass().getResourceAsStream("/media/sample.ts")) {
            Files.copy(sample, input.resolve("sample.ts"));
        }
        java.util.List<byte[]> expected = new java.util.ArrayList<>();
        try (var segments =
                new org.livepeer.camel.mpegts.MpegTsSegmentIterator(Files.newInputStream(input.resolve("sample.ts")))) {
            segments.forEachRemaining(expected::add);
        }
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(props("livepeer.token", sim.token()));
            String yaml =
                    """
                    - route:
                        from:
                          uri: file:%s
                          parameters:
                            noop: true
                            fileName: sample.ts
                          steps:
                            - split:
                                method:
                                  beanType: org.livepeer.camel.mpegts.MpegTsSplitter
                                  method: segments
                                streaming: true
                                steps:
                                  - to:
                                      uri: livepeer:live-video-to-video
                                      parameters:
                                        modelId: streamdiffusion
                                        token: "{{livepeer.token}}"
                                        session: s1
                    - route:
                        from:
                          uri: livepeer:live-video-to-video
                          parameters:
                            modelId: streamdiffusion
                            token: "{{livepeer.token}}"
                            session: s1
                          steps:
                            - to:
                                uri: file:%s
                                parameters:
                                  fileName: "segment-${header.CamelLivepeerSegmentSequence}.ts"
                    """
                            .formatted(input.toAbsolutePath(), outputs.toAbsolutePath());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("sample.yaml", yaml));
            context.start();

            for (int i = 0; i < expected.size(); i++) {
                Path file = outputs.resolve("segment-" + i + ".ts");
                int n = i;
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> Files.exists(file) && Files.size(file) == expected.get(n).length);
                assertArrayEquals(expected.get(i), Files.readAllBytes(file), "segment " + i);
            }
            assertEquals(5, expected.size(), "the sample has five GOPs");
        }
    }

    private static byte[] segment(int i) {
        return ("ts segment " + i + " " + "y".repeat(3000 * (i + 1))).getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.Properties props(String key, String value) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
