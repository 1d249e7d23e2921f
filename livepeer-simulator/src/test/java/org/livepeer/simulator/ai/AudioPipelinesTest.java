package org.livepeer.simulator.ai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;

/** text-to-speech and audio-to-text. */
class AudioPipelinesTest {

    private static final String TTS_MODEL = "parler-tts/parler-tts-large-v1";
    private static final String ASR_MODEL = "openai/whisper-large-v3";

    private BatchApiServer server = new BatchApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void textToSpeechAnswersAPcmWavWhoseLengthFollowsTheText() throws Exception {
        String text = "Hello, Livepeer!";

        byte[] wav = speech(text);
        byte[] longer = speech(text + " And a little more.");

        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals(wav.length - 8, header.getInt(4));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals("fmt ", ascii(wav, 12));
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(1, header.getShort(22), "mono");
        int sampleRate = header.getInt(24);
        assertEquals(16, header.getShort(34), "16-bit");
        assertEquals("data", ascii(wav, 36));
        int dataBytes = header.getInt(40);
        assertEquals(wav.length - 44, dataBytes);
        assertEquals(text.length() * 0.040, dataBytes / 2.0 / sampleRate, 1e-9);
        assertTrue(longer.length > wav.length);
        assertEquals(
                new FakeOrchestratorServices.Debit(Capability.TEXT_TO_SPEECH, TTS_MODEL, 1000L * text.length()),
                server.services.debits.get(0));
    }

    @Test
    void textToSpeechIsDeterministicAndDataUrlsCarryTheSameBytes() throws Exception {
        byte[] downloaded = speech("same words");
        server.close();
        server = new BatchApiServer(BatchOptions.defaults().withDelivery(MediaDelivery.DATA_URL));

        String url = audioUrl(ttsRequest("same words"));

        assertTrue(url.startsWith("data:audio/wav;base64,"));
        assertArrayEquals(downloaded, server.fetch(url, "audio/wav"));
    }

    @Test
    void textToSpeechBillsCharactersNotBytes() throws Exception {
        speech("héllo ☃");

        assertEquals(7000, server.services.debits.get(0).units());
    }

    @Test
    void emptyTextFailsInTheRunnerAndMissingTextDropsTheConnection() throws Exception {
        HttpResponse<byte[]> empty = ttsRequest("");

        assertEquals(500, empty.statusCode());
        assertEquals(
                "text-to-speech container returned 400: Text input must be provided.", BatchApiServer.errorText(empty));
        assertThrows(
                IOException.class, () -> server.postJson("/text-to-speech", "{\"model_id\":\"" + TTS_MODEL + "\"}"));
        assertTrue(server.services.debits.isEmpty());
    }

    @Test
    void audioToTextTranscribesWithSentenceTimestampsAndBillsWholeSecondsInMilliseconds() throws Exception {
        byte[] wav = TestMedia.wav(6500, 16000);

        JsonNode body = transcribe(wav, null);

        String text = body.get("text").asText();
        JsonNode chunks = body.get("chunks");
        assertEquals(3, chunks.size());
        StringBuilder joined = new StringBuilder();
        double previousEnd = 0;
        for (JsonNode chunk : chunks) {
            JsonNode timestamp = chunk.get("timestamp");
            assertEquals(2, timestamp.size());
            assertEquals(previousEnd, timestamp.get(0).asDouble(), 1e-9);
            assertTrue(timestamp.get(1).asDouble() > timestamp.get(0).asDouble());
            previousEnd = timestamp.get(1).asDouble();
            joined.append(chunk.get("text").asText());
        }
        assertEquals(6.5, previousEnd, 1e-9);
        assertEquals(text, joined.toString());
        assertEquals(
                List.of(new FakeOrchestratorServices.Debit(Capability.AUDIO_TO_TEXT, ASR_MODEL, 6000)),
                server.services.debits);
    }

    @Test
    void audioToTextIsDeterministicAndFollowsTheAudio() throws Exception {
        byte[] wav = TestMedia.wav(3000, 16000);
        byte[] other = TestMedia.wav(3000, 8000);

        String first = transcribe(wav, null).get("text").asText();
        String again = transcribe(wav, null).get("text").asText();
        String different = transcribe(other, null).get("text").asText();

        assertEquals(first, again);
        assertTrue(!first.equals(different));
    }

    @Test
    void audioToTextWordTimestampsAndNone() throws Exception {
        byte[] wav = TestMedia.wav(2000, 16000);

        JsonNode words = transcribe(wav, "word");
        JsonNode none = transcribe(wav, "false");

        assertEquals(5, words.get("chunks").size());
        assertEquals(0, none.get("chunks").size());
        assertEquals(words.get("text").asText(), none.get("text").asText());
    }

    @Test
    void audioWhoseDurationCannotBeReadIsRejectedBeforePayment() throws Exception {
        HttpResponse<byte[]> notWav = server.postMultipart(
                "/audio-to-text",
                new MultipartBody()
                        .field("model_id", ASR_MODEL)
                        .file("audio", "a.mp3", "audio/mpeg", "ID3 not really".getBytes()));
        HttpResponse<byte[]> tooShort = server.postMultipart(
                "/audio-to-text",
                new MultipartBody()
                        .field("model_id", ASR_MODEL)
                        .file("audio", "a.wav", "audio/wav", TestMedia.wav(500, 16000)));

        assertEquals(400, notWav.statusCode());
        assertEquals("Unable to calculate duration", BatchApiServer.errorText(notWav));
        assertEquals(400, tooShort.statusCode());
        assertEquals(0, server.services.payments.get());
    }

    private JsonNode transcribe(byte[] wav, String timestamps) throws Exception {
        MultipartBody request =
                new MultipartBody().field("model_id", ASR_MODEL).file("audio", "speech.wav", "audio/wav", wav);
        if (timestamps != null) {
            request.field("return_timestamps", timestamps);
        }
        return BatchApiServer.json(server.postMultipart("/audio-to-text", request));
    }

    private byte[] speech(String text) throws Exception {
        return server.fetch(audioUrl(ttsRequest(text)), "audio/wav");
    }

    private HttpResponse<byte[]> ttsRequest(String text) throws Exception {
        String json = BatchApiServer.JSON.writeValueAsString(java.util.Map.of("model_id", TTS_MODEL, "text", text));
        return server.postJson("/text-to-speech", json);
    }

    private static String audioUrl(HttpResponse<byte[]> response) throws IOException {
        return BatchApiServer.json(response).get("audio").get("url").asText();
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
