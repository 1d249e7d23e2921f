package org.livepeer.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls the HTTP API as a Livepeer client app would, on the embedded simulator. */
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpApi api;
    private static HttpClient client;
    private static String baseUrl;

    @BeforeAll
    static void startTheApiOnTheEmbeddedNetwork() throws Exception {
        int port = freePort();
        api = HttpApi.create(Map.of("http-api.port", String.valueOf(port)));
        api.start();
        baseUrl = "http://127.0.0.1:" + port;
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void textToImageAnswersImagesOfTheRequestedSize() throws Exception {
        HttpResponse<String> response =
                postJson("/text-to-image", "{\"prompt\": \"a lighthouse at dawn\", \"width\": 640, \"height\": 384}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", contentType(response));
        JsonNode images = JSON.readTree(response.body()).get("images");
        assertEquals(1, images.size());
        JsonNode image = images.get(0);
        assertTrue(image.get("seed").isNumber(), "the seed is answered");
        assertFalse(image.get("nsfw").asBoolean());
        BufferedImage png = png(image.get("url").asText());
        assertEquals(640, png.getWidth());
        assertEquals(384, png.getHeight());
    }

    @Test
    void llmAnswersAChatCompletion() throws Exception {
        HttpResponse<String> response = postJson(
                "/llm",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Tell me about lighthouses.\"}],"
                        + " \"max_tokens\": 20}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertTrue(answer.get("id").isTextual());
        assertTrue(answer.get("created").isNumber());
        JsonNode choice = answer.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asText());
        assertFalse(choice.get("message").get("content").asText().isBlank());
        assertFalse(choice.get("finish_reason").asText().isEmpty());
        assertFalse(choice.has("finished"), "no helper properties in the answer: " + choice);
        JsonNode usage = answer.get("usage");
        assertEquals(
                usage.get("prompt_tokens").asInt()
                        + usage.get("completion_tokens").asInt(),
                usage.get("total_tokens").asInt());
    }

    @Test
    void streamedLlmAnswersServerSentEventsEndingWithAFinishReason() throws Exception {
        HttpResponse<String> response = postJson(
                "/llm",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Tell me about lighthouses.\"}],"
                        + " \"max_tokens\": 20, \"stream\": true}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", contentType(response));
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                chunks.add(JSON.readTree(line.substring(6)));
            }
        }
        assertTrue(chunks.size() > 1, "the answer came in several chunks: " + response.body());
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            text.append(
                    chunk.get("choices").get(0).path("delta").path("content").asText(""));
        }
        assertFalse(text.toString().isBlank());
        JsonNode last = chunks.get(chunks.size() - 1).get("choices").get(0);
        assertFalse(last.get("finish_reason").asText().isEmpty());
    }

    @Test
    void imageToImageTakesAMultipartUpload() throws Exception {
        Multipart form = new Multipart()
                .field("prompt", "make it winter")
                .field("strength", "0.5")
                .file("image", "input.png", "image/png", pngBytes(96, 64));

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/image-to-image"))
                        .header("Content-Type", form.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode image = JSON.readTree(response.body()).get("images").get(0);
        BufferedImage png = png(image.get("url").asText());
        assertEquals(96, png.getWidth());
        assertEquals(64, png.getHeight());
    }

    @Test
    void aMissingPromptIsABadRequestWithAJsonError() throws Exception {
        HttpResponse<String> response = postJson("/text-to-image", "{\"width\": 640}");

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/json", contentType(response));
        String message =
                JSON.readTree(response.body()).get("error").get("message").asText();
        assertTrue(message.contains("prompt"), message);
    }

    @Test
    void aModelNoOrchestratorOffersIsServiceUnavailable() throws Exception {
        HttpResponse<String> response =
                postJson("/text-to-image", "{\"prompt\": \"a cat\", \"model_id\": \"nobody/offers-this\"}");

        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/json", contentType(response));
        String message =
                JSON.readTree(response.body()).get("error").get("message").asText();
        assertFalse(message.contains("127.0.0.1"), "orchestrator addresses stay in the log: " + message);
    }

    @Test
    void anUnknownFieldIsABadRequest() throws Exception {
        HttpResponse<String> response = postJson("/text-to-image", "{\"prompt\": \"a cat\", \"colour\": \"red\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body())
                .get("error")
                .get("message")
                .asText()
                .contains("colour"));
    }

    private static HttpResponse<String> postJson(String path, String json) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static BufferedImage png(String url) throws IOException {
        String prefix = "data:image/png;base64,";
        assertTrue(url.startsWith(prefix), "a PNG data URL: " + url.substring(0, Math.min(60, url.length())));
        BufferedImage image =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(prefix.length()))));
        assertNotNull(image, "the data URL holds a readable image");
        return image;
    }

    private static byte[] pngBytes(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A multipart/form-data body, as a browser or the Livepeer SDKs send it. */
    private static final class Multipart {
        private final String boundary = "livepeer-test-boundary";
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n");
            return this;
        }

        Multipart file(String name, String filename, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(body.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
