package org.livepeer.simulator.ai;

import org.livepeer.simulator.Capability;

/** {@code POST /text-to-speech}: JSON in, a WAV of tones (one per character) out. */
final class TextToSpeechPipeline implements BatchPipeline {

    private static final String NAME = "text-to-speech";
    private static final int MAX_TEXT_CHARACTERS = 10_000;
    private static final String DEFAULT_DESCRIPTION =
            "A male speaker delivers a slightly expressive and animated speech with a moderate speed and pitch.";

    @Override
    public Capability capability() {
        return Capability.TEXT_TO_SPEECH;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return JsonFields.parse(body, "TextToSpeechParams");
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        String text = request.mandatory("text");
        // go-livepeer bills 1000 units per character (code point), punctuation included.
        long units = 1000L * text.codePointCount(0, text.length());
        String description = request.string("description", DEFAULT_DESCRIPTION);
        return new PreparedWork(modelId, units, () -> {
            if (text.isBlank()) {
                throw AiHttpError.runnerBadRequest(NAME, "Text input must be provided.");
            }
            if (text.length() > MAX_TEXT_CHARACTERS) {
                throw AiHttpError.runnerBadRequest(NAME, "text exceeds " + MAX_TEXT_CHARACTERS + " characters");
            }
            byte[] wav = ToneSpeech.speak(text, description);
            return Reply.json(new AiResponses.AudioResponse(new AiResponses.MediaUrl(media.wav(wav))));
        });
    }
}
