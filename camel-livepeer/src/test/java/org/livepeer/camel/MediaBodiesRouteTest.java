package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.livepeer.gateway.Pipeline;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.simulator.LivepeerSimulator;

/**
 * Bodies reach the pipelines through Camel's type converters: files from the file component, text
 * naming a file, ByteBuffers and streams, for every media pipeline and for live input.
 */
class MediaBodiesRouteTest extends CamelTestSupport {

    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion";

    private static LivepeerSimulator sim;

    @TempDir
    static Path inbox;

    @BeforeAll
    static void startNetwork() {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
    }

    @AfterAll
    static void stopNetwork() {
        sim.close();
    }

    static List<PipelineCases> mediaPipelines() {
        return PipelineCases.all().stream()
                .filter(c -> c.body() instanceof byte[])
                .toList();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivepeerConfiguration shared =
                context.getComponent("livepeer", LivepeerComponent.class).getConfiguration();
        shared.setToken(sim.token());
        shared.setProbeTimeout(20_000); // generous: the build machine may be busy
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (PipelineCases c : mediaPipelines()) {
                    String name = c.pipeline().pipelineName();
                    from("file:" + inbox.resolve(name) + "?initialDelay=0&delay=10")
                            .routeId("files-" + name)
                            .setHeader(LivepeerConstants.FIELDS, constant(c.fields()))
                            .to("livepeer:" + name + "?modelId=" + c.model())
                            .to("mock:" + name);
                    from("direct:" + name)
                            .setHeader(LivepeerConstants.FIELDS, constant(c.fields()))
                            .to("livepeer:" + name + "?modelId=" + c.model())
                            .to("mock:" + name);
                }
                // the live routes start only in the live test
                from("file:" + inbox.resolve("live") + "?initialDelay=0&delay=10&sortBy=file:name")
                        .routeId("files-live")
                        .autoStartup(false)
                        .to(LIVE + "&session=from-files");
                from(LIVE + "&session=from-files")
                        .routeId("live-out")
                        .autoStartup(false)
                        .to("mock:live-out");
                from("direct:live").routeId("live-in").autoStartup(false).to(LIVE + "&session=from-files");
                from("direct:model-from-header").to("livepeer:text-to-image");
            }
        };
    }

    @ParameterizedTest
    @MethodSource("mediaPipelines")
    void aFileFromTheFileComponentFeedsEveryMediaPipeline(PipelineCases c) throws Exception {
        String name = c.pipeline().pipelineName();
        MockEndpoint answered = expectOnePaidAnswer(c);
        NotifyBuilder consumed = new NotifyBuilder(context)
                .fromRoute("files-" + name)
                .whenCompleted(1)
                .create();

        Path file = inbox.resolve(name).resolve(c.pipeline() == Pipeline.AUDIO_TO_TEXT ? "in.wav" : "in.png");
        Files.createDirectories(file.getParent());
        Files.write(file, (byte[]) c.body());

        answered.assertIsSatisfied();
        assertTrue(consumed.matchesWaitTime(), "the file route completed without an error");
    }

    @ParameterizedTest
    @MethodSource("mediaPipelines")
    void aTextBodyIsThePathOfTheMediaWhereThePipelineTakesNoText(PipelineCases c) throws Exception {
        MockEndpoint answered = expectOnePaidAnswer(c);
        Path file = Files.write(inbox.resolve(c.pipeline().pipelineName() + ".media"), (byte[]) c.body());

        if (c.fields().containsKey("prompt")) {
            // image-to-image and upscale read a text body as the prompt: the image's path goes in its field
            template.sendBody("direct:" + c.pipeline().pipelineName(), Map.of("image", file.toString()));
        } else {
            template.sendBody("direct:" + c.pipeline().pipelineName(), file.toString());
        }

        answered.assertIsSatisfied();
    }

    @Test
    void byteBuffersAndStreamsAreMediaToo() throws Exception {
        PipelineCases image = caseOf(Pipeline.IMAGE_TO_TEXT);
        PipelineCases audio = caseOf(Pipeline.AUDIO_TO_TEXT);
        MockEndpoint images = getMockEndpoint("mock:" + image.pipeline().pipelineName());
        MockEndpoint transcripts = getMockEndpoint("mock:" + audio.pipeline().pipelineName());
        images.expectedMessageCount(1);
        transcripts.expectedMessageCount(1);
        images.setResultWaitTime(60_000);
        transcripts.setResultWaitTime(60_000);

        template.sendBody("direct:image-to-text", ByteBuffer.wrap((byte[]) image.body()));
        template.sendBody("direct:audio-to-text", new ByteArrayInputStream((byte[]) audio.body()));

        MockEndpoint.assertIsSatisfied(context);
        assertEquals(
                image.model(),
                images.getReceivedExchanges().get(0).getMessage().getHeader(LivepeerConstants.MODEL_USED));
        assertEquals(
                audio.model(),
                transcripts.getReceivedExchanges().get(0).getMessage().getHeader(LivepeerConstants.MODEL_USED));
    }

    @Test
    void routesCanConvertBodiesToMediaInputThemselves() throws Exception {
        byte[] png = MediaSamples.png(8, 8);
        Path file = Files.write(inbox.resolve("small.png"), png);

        MediaInput fromBuffer = context.getTypeConverter().convertTo(MediaInput.class, ByteBuffer.wrap(png));
        MediaInput fromFile = context.getTypeConverter().convertTo(MediaInput.class, file.toFile());

        assertArrayEquals(png, fromBuffer.inMemory());
        assertEquals(png.length, fromFile.size());
        assertEquals("small.png", fromFile.filename());
    }

    @Test
    void liveInputTakesFilesTextPathsByteBuffersAndStreams() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:live-out");
        List<byte[]> segments = List.of(segment(0), segment(1), segment(2), segment(3), segment(4));
        out.expectedMessageCount(segments.size());
        out.setResultWaitTime(60_000);
        NotifyBuilder filesDone = new NotifyBuilder(context)
                .fromRoute("files-live")
                .whenCompleted(2)
                .create();

        for (String route : List.of("live-out", "live-in", "files-live")) {
            context.getRouteController().startRoute(route);
        }
        Path live = Files.createDirectories(inbox.resolve("live"));
        Path staged = Files.createDirectories(inbox.resolve("staged"));
        // written elsewhere and moved in, so the file route never sees a half-written file
        Files.move(Files.write(staged.resolve("seg-0.ts"), segments.get(0)), live.resolve("seg-0.ts"));
        Files.move(Files.write(staged.resolve("seg-1.ts"), segments.get(1)), live.resolve("seg-1.ts"));
        assertTrue(filesDone.matchesWaitTime(), "the file route published both files");
        template.sendBody(
                "direct:live",
                Files.write(staged.resolve("seg-2.ts"), segments.get(2)).toString());
        template.sendBody("direct:live", ByteBuffer.wrap(segments.get(3)));
        template.sendBody("direct:live", new ByteArrayInputStream(segments.get(4)));

        out.assertIsSatisfied();
        for (int i = 0; i < segments.size(); i++) {
            assertArrayEquals(
                    segments.get(i),
                    out.getReceivedExchanges().get(i).getMessage().getBody(byte[].class),
                    "segment " + i);
        }
    }

    @Test
    void aBatchRouteWithoutModelIdTakesTheModelFromTheHeader() throws Exception {
        PipelineCases text = caseOf(Pipeline.TEXT_TO_IMAGE);

        Exchange answered = template.request("direct:model-from-header", e -> {
            e.getMessage().setBody(text.body());
            e.getMessage().setHeader(LivepeerConstants.MODEL_ID, text.model());
        });
        Exchange refused =
                template.request("direct:model-from-header", e -> e.getMessage().setBody(text.body()));

        assertEquals(null, answered.getException());
        assertEquals(text.model(), answered.getMessage().getHeader(LivepeerConstants.MODEL_USED));
        String message = assertInstanceOf(org.livepeer.gateway.ConfigurationException.class, refused.getException())
                .getMessage();
        assertTrue(message.startsWith("modelId: ") && message.contains(LivepeerConstants.MODEL_ID), message);
    }

    private MockEndpoint expectOnePaidAnswer(PipelineCases c) {
        MockEndpoint answered = getMockEndpoint("mock:" + c.pipeline().pipelineName());
        answered.expectedMessageCount(1);
        answered.setResultWaitTime(60_000); // the build machine may be busy
        answered.message(0).header(LivepeerConstants.MODEL_USED).isEqualTo(c.model());
        answered.message(0)
                .header(LivepeerConstants.AMOUNT_PAID)
                .convertTo(BigDecimal.class)
                .isGreaterThan(BigDecimal.ZERO);
        return answered;
    }

    private static PipelineCases caseOf(Pipeline pipeline) {
        return PipelineCases.all().stream()
                .filter(c -> c.pipeline() == pipeline)
                .findFirst()
                .orElseThrow();
    }

    private static byte[] segment(int i) {
        return ("segment " + i + " " + "x".repeat(3000 + i)).getBytes(StandardCharsets.UTF_8);
    }
}
