package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

/** Live sessions from YAML routes: segments in, segments to files, control and events. */
class YamlLiveRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    @TempDir
    Path output;

    /** Each test loads its own YAML, then starts the context. */
    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseRouteBuilder(false);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return livepeer.properties();
    }

    /** Probes may be slow in a cold JVM on a busy machine; how long they take is not tested here. */
    @Override
    protected org.apache.camel.CamelContext createCamelContext() throws Exception {
        org.apache.camel.CamelContext context = super.createCamelContext();
        context.getComponent("livepeer", LivepeerComponent.class)
                .getConfiguration()
                .setProbeTimeout(15_000);
        return context;
    }

    private void loadRoutes(String name, String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, yaml));
    }

    @Test
    void yamlRoutesStreamSegmentsToFilesAndEchoControlAsEvents() throws Exception {
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
        loadRoutes("live.yaml", yaml);
        context.start();
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        NotifyBuilder written =
                new NotifyBuilder(context).wereSentTo("file:*").whenCompleted(4).create();

        for (int i = 0; i < 4; i++) {
            template.sendBody("direct:segments", segment(i));
        }
        template.sendBody("direct:control", Map.of("prompt", "a heron"));

        assertTrue(written.matches(20, TimeUnit.SECONDS), "four segments written");
        for (int i = 0; i < 4; i++) {
            Path file = output.resolve("segment-" + i + ".ts");
            assertArrayEquals(segment(i), Files.readAllBytes(file), "segment " + i);
        }
        events.assertIsSatisfied();
        Map<?, ?> update = events.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
        assertEquals("a heron", ((Map<?, ?>) update.get("params")).get("prompt"));
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
        loadRoutes("sample.yaml", yaml);
        NotifyBuilder written = new NotifyBuilder(context)
                .wereSentTo("file:*")
                .whenCompleted(expected.size())
                .create();
        context.start();

        assertTrue(written.matches(20, TimeUnit.SECONDS), "every segment written");
        for (int i = 0; i < expected.size(); i++) {
            Path file = outputs.resolve("segment-" + i + ".ts");
            assertArrayEquals(expected.get(i), Files.readAllBytes(file), "segment " + i);
        }
        assertEquals(5, expected.size(), "the sample has five GOPs");
    }

    private static byte[] segment(int i) {
        return ("ts segment " + i + " " + "y".repeat(3000 * (i + 1))).getBytes(StandardCharsets.UTF_8);
    }
}
