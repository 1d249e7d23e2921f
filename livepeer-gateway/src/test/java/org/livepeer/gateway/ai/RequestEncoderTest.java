package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.ai.model.AudioToTextRequest;
import org.livepeer.gateway.ai.model.ImageToImageRequest;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.gateway.ai.model.TextToImageRequest;
import org.livepeer.gateway.ai.model.TextToSpeechRequest;

/** The wire form and the price of requests, as go-livepeer's gateway makes them. */
class RequestEncoderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RequestEncoder encoder = new RequestEncoder(json);

    @Test
    void textToImageIsJsonWithTheDefaultsFilledInAndTheDefaultModel() throws Exception {
        PreparedRequest prepared =
                encoder.prepare(TextToImageRequest.of("a fox").setNumImagesPerPrompt(0));

        JsonNode body = json.readTree(prepared.body());
        assertEquals("application/json", prepared.contentType());
        assertEquals("stabilityai/sdxl-turbo", body.get("model_id").asText());
        assertEquals(512, body.get("height").asInt());
        assertEquals(512, body.get("width").asInt());
        assertEquals(1, body.get("num_images_per_prompt").asInt());
        assertEquals(512L * 512, prepared.units());
        assertNull(body.get("seed"), "unset fields are left out");
    }

    @Test
    void llmSendsModelAndMaxTokens() throws Exception {
        PreparedRequest prepared = encoder.prepare(LlmRequest.of("hi").setModel("m"));

        JsonNode body = json.readTree(prepared.body());
        assertEquals("m", body.get("model").asText());
        assertEquals(256, body.get("max_tokens").asInt());
        assertEquals("user", body.get("messages").get(0).get("role").asText());
        assertEquals(256, prepared.units());
    }

    @Test
    void multipartPutsTheFileFirstThenFieldsAsGoFormatsThem() {
        byte[] png = TestMedia.png(10, 20);
        PreparedRequest prepared = encoder.prepare(ImageToImageRequest.of(MediaInput.of(png, "in.png"), "p")
                .setStrength(0.5)
                .setSafetyCheck(false));

        String body = new String(prepared.body(), StandardCharsets.ISO_8859_1);
        String boundary = prepared.contentType().substring("multipart/form-data; boundary=".length());
        assertTrue(body.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\";"
                + " filename=\"in.png\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        assertTrue(body.contains("name=\"strength\"\r\n\r\n0.500000\r\n"));
        assertTrue(body.contains("name=\"safety_check\"\r\n\r\nfalse\r\n"));
        assertTrue(body.contains("name=\"num_images_per_prompt\"\r\n\r\n1\r\n"));
        assertTrue(body.endsWith("\r\n--" + boundary + "--\r\n"));
        assertEquals(10L * 20, prepared.units());
    }

    @Test
    void audioDurationGoesInMetadataAndUnknownFormatsNeedItGiven() {
        PreparedRequest wav = encoder.prepare(AudioToTextRequest.of(MediaInput.of(TestMedia.wav(3.2, 8000))));
        assertEquals(3000, wav.units());
        assertTrue(new String(wav.body(), StandardCharsets.ISO_8859_1)
                .contains("name=\"metadata\"\r\n\r\n{\"duration\":\"3\"}\r\n"));

        MediaInput mp3 = MediaInput.of(new byte[] {'I', 'D', '3', 4, 0, 0}, "a.mp3");
        assertThrows(InvalidAiRequestException.class, () -> encoder.prepare(AudioToTextRequest.of(mp3)));
        assertEquals(
                7000,
                encoder.prepare(AudioToTextRequest.of(mp3).setDurationSeconds(7L))
                        .units());
    }

    @Test
    void textToSpeechPaysTheTextsUtf8BytesAndNeedsText() {
        assertEquals(6, encoder.prepare(TextToSpeechRequest.of("héllo")).units());
        assertThrows(InvalidAiRequestException.class, () -> encoder.prepare(new TextToSpeechRequest()));
    }
}
