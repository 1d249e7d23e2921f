package org.livepeer.simulator.ai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.orchestrator.OrchestratorError;

/** image-to-image, upscale, image-to-text and segment-anything-2: multipart requests with an image. */
class ImagePipelinesTest {

    private final BatchApiServer server = new BatchApiServer();
    private final byte[] redImage = TestMedia.png(40, 30, Color.RED);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void imageToImageRecoloursTheUploadAtItsSizeAndBillsInputPixelsPerImage() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "timbrooks/instruct-pix2pix")
                .field("prompt", "make it look like dusk")
                .field("num_images_per_prompt", "2")
                .field("seed", "7")
                .file("image", "in.png", "image/png", redImage);

        JsonNode images = BatchApiServer.json(server.postMultipart("/image-to-image", request))
                .get("images");

        assertEquals(2, images.size());
        assertEquals(7, images.get(0).get("seed").asLong());
        assertEquals(8, images.get(1).get("seed").asLong());
        BufferedImage result =
                TestMedia.image(server.fetch(images.get(0).get("url").asText(), "image/png"));
        assertEquals(40, result.getWidth());
        assertEquals(30, result.getHeight());
        assertNotEquals(Color.RED.getRGB(), result.getRGB(1, 1), "the image was transformed");
        assertEquals(
                List.of(new FakeOrchestratorServices.Debit(
                        Capability.IMAGE_TO_IMAGE, "timbrooks/instruct-pix2pix", 40L * 30 * 2)),
                server.services.debits);
    }

    @Test
    void imageToImageIsDeterministic() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "m")
                .field("prompt", "dusk")
                .file("image", "in.png", "image/png", redImage);

        byte[] first = server.fetch(firstUrl(server.postMultipart("/image-to-image", request)), "image/png");
        byte[] again = server.fetch(firstUrl(server.postMultipart("/image-to-image", request)), "image/png");

        assertArrayEquals(first, again);
    }

    @Test
    void undecodableImagesAreRejectedByTheOrchestratorBeforePayment() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "m")
                .field("prompt", "dusk")
                .file("image", "in.png", "image/png", "not an image".getBytes());

        HttpResponse<byte[]> response = server.postMultipart("/image-to-image", request);

        assertEquals(400, response.statusCode());
        assertEquals("image: unknown format", BatchApiServer.errorText(response));
        assertEquals(0, server.services.payments.get());
    }

    @Test
    void jsonBodiesOnMultipartRoutesAreRejected() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/upscale", "{\"model_id\":\"m\"}");

        assertEquals(400, response.statusCode());
        assertEquals("request Content-Type isn't multipart/form-data", BatchApiServer.errorText(response));
    }

    @Test
    void upscaleEnlargesFourTimesAndBillsInputPixels() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "stabilityai/stable-diffusion-x4-upscaler")
                .field("prompt", "sharper")
                .file("image", "in.png", "image/png", redImage);

        BufferedImage result =
                TestMedia.image(server.fetch(firstUrl(server.postMultipart("/upscale", request)), "image/png"));

        assertEquals(160, result.getWidth());
        assertEquals(120, result.getHeight());
        assertEquals(Color.RED.getRGB(), result.getRGB(4, 4));
        assertEquals(40L * 30, server.services.debits.get(0).units());
        assertEquals(Capability.UPSCALE, server.services.debits.get(0).capability());
    }

    @Test
    void upscaleWithoutPromptFailsInTheRunner() throws Exception {
        MultipartBody request =
                new MultipartBody().field("model_id", "m").file("image", "in.png", "image/png", redImage);

        HttpResponse<byte[]> response = server.postMultipart("/upscale", request);

        assertEquals(500, response.statusCode());
        assertTrue(BatchApiServer.errorText(response).startsWith("upscale container returned 422: "));
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void imageToTextDescribesSizeAndColour() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "Salesforce/blip-image-captioning-large")
                .file("image", "in.png", "image/png", redImage);

        JsonNode body = BatchApiServer.json(server.postMultipart("/image-to-text", request));

        String text = body.get("text").asText();
        assertTrue(text.contains("40x30"), text);
        assertTrue(text.contains("red"), text);
        assertEquals(
                text,
                BatchApiServer.json(server.postMultipart("/image-to-text", request))
                        .get("text")
                        .asText());
        assertEquals(40L * 30, server.services.debits.get(0).units());
    }

    @Test
    void segmentAnything2AnswersMasksScoresAndLogitsShapedFromTheImage() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "facebook/sam2-hiera-large")
                .field("point_coords", "[[10, 12]]")
                .field("point_labels", "[1]")
                .file("image", "in.png", "image/png", redImage);

        JsonNode body = BatchApiServer.json(server.postMultipart("/segment-anything-2", request));

        JsonNode masks = pythonList(body.get("masks").asText());
        JsonNode scores = pythonList(body.get("scores").asText());
        JsonNode logits = pythonList(body.get("logits").asText());
        assertEquals(List.of(3, 30, 40), shape(masks));
        assertEquals(List.of(3), shape(scores));
        assertEquals(List.of(3, 256, 256), shape(logits));
        assertTrue(masks.get(0).get(12).get(10).asDouble() > 0, "the prompted point is inside the mask");
        assertTrue(masks.get(0).get(0).get(39).asDouble() < 0, "a far corner is outside");
        assertEquals(40L * 30, server.services.debits.get(0).units());
    }

    @Test
    void segmentAnything2SingleBinaryMask() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "m")
                .field("box", "[0, 0, 20, 30]")
                .field("multimask_output", "false")
                .field("return_logits", "false")
                .file("image", "in.png", "image/png", redImage);

        JsonNode body = BatchApiServer.json(server.postMultipart("/segment-anything-2", request));

        String masksText = body.get("masks").asText();
        assertTrue(masksText.startsWith("[[[") && masksText.contains("True") && masksText.contains("False"));
        JsonNode masks = pythonList(masksText);
        assertEquals(List.of(1, 30, 40), shape(masks));
        assertTrue(masks.get(0).get(15).get(10).asBoolean());
        assertTrue(!masks.get(0).get(15).get(35).asBoolean());
    }

    @Test
    void capacityAndPaymentRefusalsApplyToMultipartPipelinesToo() throws Exception {
        MultipartBody request =
                new MultipartBody().field("model_id", "m").file("image", "in.png", "image/png", redImage);
        server.services.capacityRefusal = new OrchestratorError(503, "insufficient capacity");
        HttpResponse<byte[]> busy = server.postMultipart("/image-to-text", request);
        server.services.capacityRefusal = null;
        server.services.paymentRefusal = new OrchestratorError(402, "invalid payment");
        HttpResponse<byte[]> unpaid = server.postMultipart("/image-to-text", request);

        assertEquals(503, busy.statusCode());
        assertEquals("insufficient capacity", BatchApiServer.errorText(busy));
        assertEquals(402, unpaid.statusCode());
        assertEquals("invalid payment", BatchApiServer.errorText(unpaid));
        assertEquals(0, server.services.openSlots.get());
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void missingModelIdDropsTheConnection() {
        MultipartBody request = new MultipartBody().file("image", "in.png", "image/png", redImage);

        assertThrows(IOException.class, () -> server.postMultipart("/image-to-text", request));
    }

    private static String firstUrl(HttpResponse<byte[]> response) throws IOException {
        return BatchApiServer.json(response).get("images").get(0).get("url").asText();
    }

    /** The runner prints NumPy lists with Python's str(): JSON once booleans are lower-cased. */
    private static JsonNode pythonList(String text) throws IOException {
        return BatchApiServer.JSON.readTree(text.replace("True", "true").replace("False", "false"));
    }

    private static List<Integer> shape(JsonNode node) {
        List<Integer> shape = new java.util.ArrayList<>();
        while (node.isArray()) {
            shape.add(node.size());
            node = node.get(0);
        }
        return shape;
    }
}
