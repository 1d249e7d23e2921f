package org.livepeer.simulator.ai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.orchestrator.OrchestratorError;

class TextToImagePipelineTest {

    private static final String MODEL = "SG161222/RealVisXL_V4.0_Lightning";

    private BatchApiServer server = new BatchApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void defaultSizeIsTheRunnersButBillingUsesGoLivepeersDefault() throws Exception {
        JsonNode body = BatchApiServer.json(
                server.postJson("/text-to-image", "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"a red fox\"}"));

        JsonNode images = body.get("images");
        assertEquals(1, images.size());
        JsonNode media = images.get(0);
        assertFalse(media.get("nsfw").asBoolean());
        assertTrue(media.get("seed").isIntegralNumber());
        BufferedImage image = TestMedia.image(server.fetch(media.get("url").asText(), "image/png"));
        assertEquals(1024, image.getWidth());
        assertEquals(576, image.getHeight());
        assertEquals(
                List.of(new FakeOrchestratorServices.Debit(Capability.TEXT_TO_IMAGE, MODEL, 512L * 512)),
                server.services.debits);
        assertEquals(0, server.services.openSlots.get());
    }

    @Test
    void makesTheRequestedNumberOfImagesOfTheRequestedSizeFromTheSeed() throws Exception {
        JsonNode body = BatchApiServer.json(server.postJson(
                "/text-to-image",
                "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"a red fox\",\"width\":320,\"height\":200,"
                        + "\"num_images_per_prompt\":2,\"seed\":42}"));

        JsonNode images = body.get("images");
        assertEquals(2, images.size());
        assertEquals(42, images.get(0).get("seed").asLong());
        assertEquals(43, images.get(1).get("seed").asLong());
        byte[] first = server.fetch(images.get(0).get("url").asText(), "image/png");
        byte[] second = server.fetch(images.get(1).get("url").asText(), "image/png");
        for (byte[] png : List.of(first, second)) {
            BufferedImage image = TestMedia.image(png);
            assertEquals(320, image.getWidth());
            assertEquals(200, image.getHeight());
        }
        assertFalse(java.util.Arrays.equals(first, second), "each image has its own seed");
        assertEquals(320L * 200 * 2, server.services.debits.get(0).units());
    }

    @Test
    void equalRequestsGiveEqualImagesAndPromptsChangeThem() throws Exception {
        String fox = "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"a red fox\",\"width\":64,\"height\":64}";
        String owl = "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"an owl\",\"width\":64,\"height\":64}";

        byte[] first = imageBytes(server.postJson("/text-to-image", fox));
        byte[] again = imageBytes(server.postJson("/text-to-image", fox));
        byte[] other = imageBytes(server.postJson("/text-to-image", owl));

        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void gatewaysWithoutTheWorkerProtocolGetDataUrlsWithTheSameBytes() throws Exception {
        String request = "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"a red fox\",\"width\":64,\"height\":48}";

        String downloadUrl = url(server.postJson("/text-to-image", request, true));
        String dataUrl = url(server.postJson("/text-to-image", request, false));

        assertTrue(downloadUrl.startsWith("https://"));
        assertTrue(dataUrl.startsWith("data:image/png;base64,"));
        assertArrayEquals(server.fetch(downloadUrl, "image/png"), server.fetch(dataUrl, "image/png"));
    }

    @Test
    void dataUrlDeliveryInlinesImagesForEveryGateway() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withDelivery(MediaDelivery.DATA_URL));

        String url = url(server.postJson(
                "/text-to-image", "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\",\"width\":8,\"height\":8}"));

        assertTrue(url.startsWith("data:image/png;base64,"));
        assertEquals(0, server.api.storedFiles());
    }

    @Test
    void missingPromptFailsInTheRunnerAfterPaymentWithoutDebit() throws Exception {
        HttpResponse<byte[]> response = server.postJson("/text-to-image", "{\"model_id\":\"" + MODEL + "\"}");

        assertEquals(500, response.statusCode());
        assertEquals(
                "text-to-image container returned 422: {\"detail\":[{\"loc\":[\"body\",\"prompt\"],"
                        + "\"msg\":\"Field required\",\"type\":\"missing\"}]}",
                BatchApiServer.errorText(response));
        assertEquals(1, server.services.payments.get());
        assertTrue(server.services.debits.isEmpty());
        assertEquals(0, server.services.openSlots.get());
    }

    @Test
    void missingModelIdDropsTheConnectionAsGoLivepeerDoes() {
        assertThrows(IOException.class, () -> server.postJson("/text-to-image", "{\"prompt\":\"a red fox\"}"));
        assertEquals(0, server.services.reservations.get());
    }

    @Test
    void malformedFieldsAreRejectedBeforeCapacityAndPayment() throws Exception {
        HttpResponse<byte[]> wrongType = server.postJson(
                "/text-to-image", "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\",\"height\":\"tall\"}");
        HttpResponse<byte[]> notJson = server.postJson("/text-to-image", "prompt=x");
        HttpResponse<byte[]> empty = server.postJson("/text-to-image", "");

        assertEquals(400, wrongType.statusCode());
        assertEquals(
                "json: cannot unmarshal string into Go struct field TextToImageParams.height of type int",
                BatchApiServer.errorText(wrongType));
        assertEquals(400, notJson.statusCode());
        assertEquals(400, empty.statusCode());
        assertEquals("EOF", BatchApiServer.errorText(empty));
        assertEquals(0, server.services.reservations.get());
        assertEquals(0, server.services.payments.get());
    }

    @Test
    void busyOrchestratorAnswersInsufficientCapacityWithoutTakingPayment() throws Exception {
        server.services.capacityRefusal = new OrchestratorError(503, "insufficient capacity");

        HttpResponse<byte[]> response =
                server.postJson("/text-to-image", "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\"}");

        assertEquals(503, response.statusCode());
        assertEquals("insufficient capacity", BatchApiServer.errorText(response));
        assertEquals(0, server.services.payments.get());
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void refusedPaymentIsAnsweredAsTheOrchestratorSaysAndReleasesCapacity() throws Exception {
        server.services.paymentRefusal = new OrchestratorError(400, "invalid ticket sendernonce");

        HttpResponse<byte[]> response =
                server.postJson("/text-to-image", "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\"}");

        assertEquals(400, response.statusCode());
        assertEquals("invalid ticket sendernonce", BatchApiServer.errorText(response));
        assertEquals(1, server.services.reservations.get());
        assertEquals(0, server.services.openSlots.get());
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void strictAuthorizationRejectsGatewaysWithoutTheWorkerProtocol() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withRequireWorkerAuthorization(true));
        String request = "{\"model_id\":\"" + MODEL + "\",\"prompt\":\"x\",\"width\":8,\"height\":8}";

        HttpResponse<byte[]> without = server.postJson("/text-to-image", request, false);
        HttpResponse<byte[]> with = server.postJson("/text-to-image", request, true);

        assertEquals(401, without.statusCode());
        assertEquals("Unauthorized", BatchApiServer.errorText(without));
        assertEquals(200, with.statusCode());
        assertEquals(1, server.services.payments.get());
    }

    @Test
    void oversizedRequestsAre413() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withMaxRequestBytes(1024));

        HttpResponse<byte[]> response =
                server.postJson("/text-to-image", "{\"model_id\":\"m\",\"prompt\":\"" + "x".repeat(2000) + "\"}");

        assertEquals(413, response.statusCode());
        assertEquals(0, server.services.reservations.get());
    }

    @Test
    void outputsBeyondThePixelCapFailLikeARunnerOutOfMemory() throws Exception {
        HttpResponse<byte[]> response = server.postJson(
                "/text-to-image", "{\"model_id\":\"m\",\"prompt\":\"x\",\"width\":8192,\"height\":8192}");

        assertEquals(500, response.statusCode());
        assertEquals("text-to-image container returned 500: GPU out of memory.", BatchApiServer.errorText(response));
    }

    @Test
    void onlyTheNewestDownloadsAreKept() throws Exception {
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withStoredFiles(2, 1 << 20));
        String request = "{\"model_id\":\"m\",\"prompt\":\"x\",\"width\":8,\"height\":8}";

        String first = url(server.postJson("/text-to-image", request));
        String second = url(server.postJson("/text-to-image", request));
        String third = url(server.postJson("/text-to-image", request));

        assertEquals(2, server.api.storedFiles());
        assertEquals(404, server.getStatus(first));
        assertEquals(200, server.getStatus(second));
        assertEquals(200, server.getStatus(third));
    }

    private byte[] imageBytes(HttpResponse<byte[]> response) throws Exception {
        return server.fetch(url(response), "image/png");
    }

    private static String url(HttpResponse<byte[]> response) throws IOException {
        return BatchApiServer.json(response).get("images").get(0).get("url").asText();
    }
}
