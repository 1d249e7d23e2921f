package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.gateway.ai.model.AudioResponse;
import org.livepeer.gateway.ai.model.AudioToTextRequest;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.ImageToImageRequest;
import org.livepeer.gateway.ai.model.ImageToTextRequest;
import org.livepeer.gateway.ai.model.ImageToTextResponse;
import org.livepeer.gateway.ai.model.ImageToVideoRequest;
import org.livepeer.gateway.ai.model.LlmMessage;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.LlmResponse;
import org.livepeer.gateway.ai.model.MasksResponse;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.gateway.ai.model.SegmentAnything2Request;
import org.livepeer.gateway.ai.model.TextResponse;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.ai.model.TextToSpeechRequest;
import org.livepeer.gateway.ai.model.UpscaleRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.payment.BigRational;

/**
 * Every batch pipeline end to end against one simulated orchestrator paid through the signer:
 * real outputs, and the orchestrator debits exactly the units the client paid for.
 */
class BatchPipelinesTest {

    private static BatchNetwork network;

    @BeforeAll
    static void start() {
        network = BatchNetwork.start(sim -> sim.orchestrators(1));
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    private <R> BatchResult<R> run(org.livepeer.gateway.ai.model.AiRequest<R> request) {
        return network.client.run(request).join();
    }

    private static void assertPaid(BatchResult<?> result, Capability capability, long units) {
        assertEquals(units, result.units());
        assertEquals(1, result.attempts());
        assertEquals(network.address(0), result.orchestrator());
        assertEquals(0, BigDecimal.ONE.compareTo(result.pricePerUnit()), "price 1 wei per unit");
        assertTrue(network.credited(0, capability).signum() > 0, "the orchestrator credited the tickets");
        assertTrue(
                network.credited(0, capability).compareTo(network.debited(0, capability)) >= 0,
                "the credit covers what the work debited");
        assertEquals(
                network.sim.signer().stats().ticketsIssued(),
                network.orchestrator(0).ticketsAccepted(),
                "every ticket the signer issued was accepted");
    }

    @Test
    void textToImageReturnsPngsOfTheRequestedSizeAndPaysHeightTimesWidthTimesImages() throws Exception {
        BigRational before = network.debited(0, Capability.TEXT_TO_IMAGE);
        BatchResult<ImageResponse> result = run(TextToImageRequest.of("a lighthouse at dawn")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setWidth(640)
                .setHeight(384)
                .setNumImagesPerPrompt(2));

        assertEquals(2, result.response().images().size());
        for (int i = 0; i < 2; i++) {
            BufferedImage image = TestMedia.decode(result.mediaBytes(i).join());
            assertEquals(640, image.getWidth());
            assertEquals(384, image.getHeight());
        }
        assertTrue(result.mediaUrls().get(0).startsWith("https://"), "download URLs by default");
        assertPaid(result, Capability.TEXT_TO_IMAGE, 640L * 384 * 2);
        assertEquals(
                BigRational.of(640L * 384 * 2),
                network.debited(0, Capability.TEXT_TO_IMAGE).subtract(before));
        assertEquals(BatchNetwork.model(Capability.TEXT_TO_IMAGE), result.modelId());
    }

    @Test
    void textToImageDefaultsTo512By512() throws Exception {
        BatchResult<ImageResponse> result =
                run(TextToImageRequest.of("defaults").setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE)));

        BufferedImage image = TestMedia.decode(result.mediaBytes(0).join());
        assertEquals(512, image.getWidth());
        assertEquals(512, image.getHeight());
        assertEquals(512L * 512, result.units());
    }

    @Test
    void imageToImageSendsBytesAndPaysTheInputPixels() throws Exception {
        BigRational before = network.debited(0, Capability.IMAGE_TO_IMAGE);
        BatchResult<ImageResponse> result =
                run(ImageToImageRequest.of(MediaInput.of(TestMedia.png(96, 64), "in.png"), "make it stormy")
                        .setModelId(BatchNetwork.model(Capability.IMAGE_TO_IMAGE))
                        .setStrength(0.6));

        BufferedImage image = TestMedia.decode(result.mediaBytes(0).join());
        assertEquals(96, image.getWidth());
        assertEquals(64, image.getHeight());
        assertPaid(result, Capability.IMAGE_TO_IMAGE, 96L * 64);
        assertEquals(
                BigRational.of(96L * 64),
                network.debited(0, Capability.IMAGE_TO_IMAGE).subtract(before));
    }

    @Test
    void upscaleStreamsAFileAndAnswersFourTimesTheSize(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("small.png");
        Files.write(input, TestMedia.png(40, 30));
        BigRational before = network.debited(0, Capability.UPSCALE);

        BatchResult<ImageResponse> result = run(
                UpscaleRequest.of(MediaInput.of(input), "sharper").setModelId(BatchNetwork.model(Capability.UPSCALE)));

        BufferedImage image = TestMedia.decode(result.mediaBytes(0).join());
        assertEquals(160, image.getWidth());
        assertEquals(120, image.getHeight());
        assertPaid(result, Capability.UPSCALE, 40L * 30);
        assertEquals(
                BigRational.of(40L * 30), network.debited(0, Capability.UPSCALE).subtract(before));
    }

    @Test
    void imageToVideoAnswersAnMp4AndPaysTwentyFiveFramesOfTheRequestedSize() {
        BigRational before = network.debited(0, Capability.IMAGE_TO_VIDEO);
        BatchResult<ImageResponse> result = run(ImageToVideoRequest.of(MediaInput.of(TestMedia.png(64, 64)))
                .setModelId(BatchNetwork.model(Capability.IMAGE_TO_VIDEO))
                .setWidth(128)
                .setHeight(96)
                .setFps(8));

        assertTrue(TestMedia.isMp4(result.mediaBytes(0).join()));
        assertPaid(result, Capability.IMAGE_TO_VIDEO, 128L * 96 * 25);
        assertEquals(
                BigRational.of(128L * 96 * 25),
                network.debited(0, Capability.IMAGE_TO_VIDEO).subtract(before));
    }

    @Test
    void audioToTextStreamsAnInputStreamAndPaysMillisecondsOfWholeSeconds() {
        BigRational before = network.debited(0, Capability.AUDIO_TO_TEXT);
        byte[] wav = TestMedia.wav(2.5, 16_000);
        BatchResult<TextResponse> result =
                run(AudioToTextRequest.of(MediaInput.of(new ByteArrayInputStream(wav), "speech.wav"))
                        .setModelId(BatchNetwork.model(Capability.AUDIO_TO_TEXT)));

        assertFalse(result.response().text().isBlank());
        assertFalse(result.response().chunks().isEmpty());
        assertPaid(result, Capability.AUDIO_TO_TEXT, 2000);
        assertEquals(
                BigRational.of(2000),
                network.debited(0, Capability.AUDIO_TO_TEXT).subtract(before));
    }

    @Test
    void llmAnswersWholeAndPaysMaxTokens() {
        BigRational before = network.debited(0, Capability.LLM);
        BatchResult<LlmResponse> result = run(new LlmRequest()
                .setModel(BatchNetwork.model(Capability.LLM))
                .addMessage(LlmMessage.system("You are brief."))
                .addMessage(LlmMessage.user("Name a lighthouse.")));

        assertFalse(result.response().text().isBlank());
        assertEquals("stop", result.response().choices().get(0).finishReason());
        assertPaid(result, Capability.LLM, 256);
        assertEquals(BigRational.of(256), network.debited(0, Capability.LLM).subtract(before));
    }

    @Test
    void segmentAnything2AnswersMasksAndPaysTheInputPixels() {
        BigRational before = network.debited(0, Capability.SEGMENT_ANYTHING_2);
        BatchResult<MasksResponse> result = run(SegmentAnything2Request.of(MediaInput.of(TestMedia.png(80, 60)))
                .setModelId(BatchNetwork.model(Capability.SEGMENT_ANYTHING_2))
                .setPointCoords("[[40,30]]")
                .setPointLabels("[1]"));

        assertTrue(result.response().masks().startsWith("["));
        assertTrue(result.response().scores().startsWith("["));
        assertPaid(result, Capability.SEGMENT_ANYTHING_2, 80L * 60);
        assertEquals(
                BigRational.of(80L * 60),
                network.debited(0, Capability.SEGMENT_ANYTHING_2).subtract(before));
    }

    @Test
    void imageToTextAnswersACaptionAndPaysTheInputPixels() {
        BigRational before = network.debited(0, Capability.IMAGE_TO_TEXT);
        BatchResult<ImageToTextResponse> result = run(ImageToTextRequest.of(MediaInput.of(TestMedia.png(50, 40)))
                .setModelId(BatchNetwork.model(Capability.IMAGE_TO_TEXT)));

        assertFalse(result.response().text().isBlank());
        assertPaid(result, Capability.IMAGE_TO_TEXT, 50L * 40);
        assertEquals(
                BigRational.of(50L * 40),
                network.debited(0, Capability.IMAGE_TO_TEXT).subtract(before));
    }

    @Test
    void textToSpeechAnswersAWavAndPaysTheTextsBytes() {
        BatchResult<AudioResponse> result = run(
                TextToSpeechRequest.of("Hello, lighthouse.").setModelId(BatchNetwork.model(Capability.TEXT_TO_SPEECH)));

        assertTrue(TestMedia.isWav(result.mediaBytes(0).join()));
        assertPaid(result, Capability.TEXT_TO_SPEECH, "Hello, lighthouse.".length());
    }
}
