package org.livepeer.simulator.ai;

import org.livepeer.simulator.Capability;

/**
 * {@code POST /audio-to-text}: a WAV upload in, a transcript with timestamps out. Billed, as
 * go-livepeer does, by whole seconds of audio times 1000; it reads durations with ffprobe, the
 * simulator only from WAV headers.
 */
final class AudioToTextPipeline implements BatchPipeline {

    @Override
    public Capability capability() {
        return Capability.AUDIO_TO_TEXT;
    }

    @Override
    public RequestFields parse(String contentType, byte[] body) throws AiHttpError {
        return MultipartFields.parse(contentType, body);
    }

    @Override
    public PreparedWork prepare(RequestFields request, MediaOutput media) throws AiHttpError, DroppedConnection {
        String modelId = request.mandatory("model_id");
        RequestFields.UploadedFile audio = request.file("audio");
        double duration = audio == null ? -1 : WavFile.durationSeconds(audio.bytes());
        long wholeSeconds = (long) duration;
        if (wholeSeconds <= 0) {
            throw AiHttpError.badRequest("Unable to calculate duration");
        }
        Transcriber.Timestamps timestamps = Transcriber.Timestamps.parse(request.string("return_timestamps", "true"));
        return new PreparedWork(
                modelId,
                wholeSeconds * 1000,
                () -> Reply.json(Transcriber.transcribe(audio.bytes(), duration, timestamps)));
    }
}
