package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.AudioResponse;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.ai.model.TextToSpeechRequest;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.ai.BatchOptions;
import org.livepeer.simulator.ai.MediaDelivery;
import org.livepeer.simulator.orchestrator.OrchestratorConfig;

/** Media bytes from data URLs and download URLs; offchain networks. */
class BatchMediaTest {

    private static TextToImageRequest image(int width, int height) {
        return TextToImageRequest.of("a dune")
                .setModelId(BatchNetwork.model(Capability.TEXT_TO_IMAGE))
                .setWidth(width)
                .setHeight(height);
    }

    @Test
    void dataUrlsAreDecoded() throws Exception {
        try (BatchNetwork network = BatchNetwork.start(sim -> sim.orchestrators(0)
                .orchestrator(OrchestratorConfig.builder("inline")
                        .batch(BatchOptions.defaults().withDelivery(MediaDelivery.DATA_URL))
                        .build()))) {
            BatchResult<ImageResponse> images =
                    network.client.run(image(72, 40)).join();
            BatchResult<AudioResponse> speech = network.client
                    .run(TextToSpeechRequest.of("hi").setModelId(BatchNetwork.model(Capability.TEXT_TO_SPEECH)))
                    .join();

            assertTrue(images.mediaUrls().get(0).startsWith("data:image/png;base64,"));
            BufferedImage png = TestMedia.decode(images.mediaBytes(0).join());
            assertEquals(72, png.getWidth());
            assertEquals(40, png.getHeight());
            assertTrue(speech.mediaUrls().get(0).startsWith("data:audio/wav;base64,"));
            assertTrue(TestMedia.isWav(speech.mediaBytes(0).join()));
        }
    }

    @Test
    void downloadsAreSizeLimitedAndMissingFilesFailWithTheStatus() {
        try (BatchNetwork network = BatchNetwork.start(
                sim -> sim.orchestrators(1), BatchSettings.defaults().withMaxMediaBytes(100))) {
            BatchResult<ImageResponse> result =
                    network.client.run(image(64, 64)).join();

            CompletionException tooLarge = assertThrows(
                    CompletionException.class, () -> result.mediaBytes(0).join());
            assertInstanceOf(OrchestratorException.class, tooLarge.getCause());
            assertTrue(
                    tooLarge.getCause().getMessage().contains("too large"),
                    tooLarge.getCause().getMessage());

            String missing = result.mediaUrls().get(0).replaceAll("[^/]+$", "missing.png");
            CompletionException notFound = assertThrows(CompletionException.class, () -> network.client
                    .mediaFetcher()
                    .fetch(missing, result.transcoderUrl())
                    .join());
            assertEquals(404, ((OrchestratorException) notFound.getCause()).status());
        }
    }

    @Test
    void offchainRequestsCarryOnlyTheAuthTokenAndPayNothing() throws Exception {
        try (BatchNetwork network =
                BatchNetwork.start(sim -> sim.orchestrators(1).offchain(true))) {
            BatchResult<ImageResponse> result =
                    network.client.run(image(48, 32)).join();

            BufferedImage png = TestMedia.decode(result.mediaBytes(0).join());
            assertEquals(48, png.getWidth());
            assertEquals(0, BigDecimal.ZERO.compareTo(result.paidWei()));
            assertEquals(0, network.orchestrator(0).paymentsAccepted());
        }
    }
}
