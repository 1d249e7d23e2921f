package org.livepeer.camel.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

class MpegTsSplitterRouteTest extends CamelTestSupport {

    private final byte[] sample = Sample.bytes();

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>();
        builders.add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bean")
                        .split(method(MpegTsSplitter.class, "segments"))
                        .streaming()
                        .to("mock:segments");
                from("direct:expression")
                        .split(MpegTsSplitter.segments(Duration.ofMillis(1500)))
                        .streaming()
                        .to("mock:longer");
            }
        });
        String yaml =
                """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - split:
                            method:
                              beanType: org.livepeer.camel.mpegts.MpegTsSplitter
                              method: segments
                            streaming: true
                            steps:
                              - to: mock:yaml
                """;
        builders.addAll(PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.fromString("split.yaml", yaml)));
        return builders.toArray(RoutesBuilder[]::new);
    }

    @Test
    void splitsTheSampleFileIntoSegmentsThatEachBeginWithAKeyframe() throws Exception {
        MockEndpoint segments = getMockEndpoint("mock:segments");
        segments.expectedMessageCount(Sample.GOPS);

        template.sendBody("direct:bean", sampleFile());

        segments.assertIsSatisfied();
        List<byte[]> bodies = bodies(segments);
        bodies.forEach(IndependentTsCheck::assertStartsDecodable);
        assertArrayEquals(sample, concat(bodies));
        assertEquals(
                List.of(0, 1, 2, 3, 4),
                segments.getExchanges().stream()
                        .map(e -> e.getProperty(Exchange.SPLIT_INDEX, Integer.class))
                        .toList());
    }

    @Test
    void theExpressionTakesAMinimumDuration() throws Exception {
        MockEndpoint longer = getMockEndpoint("mock:longer");
        longer.expectedMessageCount(3);

        template.sendBody("direct:expression", sample);

        longer.assertIsSatisfied();
        bodies(longer).forEach(IndependentTsCheck::assertStartsDecodable);
        assertArrayEquals(sample, concat(bodies(longer)));
    }

    @Test
    void aYamlRouteSplitsAStreamAndClosesIt() throws Exception {
        MockEndpoint yaml = getMockEndpoint("mock:yaml");
        yaml.expectedMessageCount(Sample.GOPS);
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream body = new ByteArrayInputStream(sample) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        template.sendBody("direct:yaml", body);

        yaml.assertIsSatisfied();
        bodies(yaml).forEach(IndependentTsCheck::assertStartsDecodable);
        assertTrue(closed.get(), "input stream closed");
    }

    private static File sampleFile() throws Exception {
        return Path.of(Sample.class.getResource(Sample.RESOURCE).toURI()).toFile();
    }

    private static List<byte[]> bodies(MockEndpoint mock) {
        return mock.getExchanges().stream()
                .map(e -> e.getMessage().getBody(byte[].class))
                .toList();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
