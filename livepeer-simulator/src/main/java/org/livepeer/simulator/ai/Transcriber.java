package org.livepeer.simulator.ai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated speech recogniser: one sentence per stretch of audio, with words picked from a hash
 * of that stretch's bytes, so the transcript follows the input and its timing.
 */
final class Transcriber {

    static final double SECONDS_PER_SENTENCE = 2.5;
    private static final int WORDS_PER_SENTENCE = 5;

    enum Timestamps {
        NONE,
        SENTENCE,
        WORD;

        /** As the runner reads {@code return_timestamps}. */
        static Timestamps parse(String value) {
            return switch (value.toLowerCase()) {
                case "false", "0" -> NONE;
                case "word" -> WORD;
                default -> SENTENCE;
            };
        }
    }

    private Transcriber() {}

    static AiResponses.TextResponse transcribe(byte[] audio, double durationSeconds, Timestamps timestamps) {
        int sentences = Math.max(1, (int) Math.ceil(durationSeconds / SECONDS_PER_SENTENCE));
        List<AiResponses.Chunk> sentenceChunks = new ArrayList<>();
        List<AiResponses.Chunk> wordChunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            double start = s * SECONDS_PER_SENTENCE;
            double end = Math.min(durationSeconds, start + SECONDS_PER_SENTENCE);
            long seed = Seeds.of(slice(audio, s, sentences));
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < WORDS_PER_SENTENCE; w++) {
                String word = Vocabulary.word(seed + w);
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                if (w == WORDS_PER_SENTENCE - 1) {
                    word += ".";
                }
                sentence.append(w == 0 ? "" : " ").append(word);
                double wordStart = start + (end - start) * w / WORDS_PER_SENTENCE;
                double wordEnd = start + (end - start) * (w + 1) / WORDS_PER_SENTENCE;
                wordChunks.add(new AiResponses.Chunk(List.of(round(wordStart), round(wordEnd)), " " + word));
            }
            sentenceChunks.add(new AiResponses.Chunk(List.of(round(start), round(end)), " " + sentence));
            text.append(' ').append(sentence);
        }
        List<AiResponses.Chunk> chunks =
                switch (timestamps) {
                    case NONE -> List.of();
                    case SENTENCE -> sentenceChunks;
                    case WORD -> wordChunks;
                };
        return new AiResponses.TextResponse(text.toString(), chunks);
    }

    private static byte[] slice(byte[] audio, int index, int parts) {
        int from = (int) ((long) audio.length * index / parts);
        int to = (int) ((long) audio.length * (index + 1) / parts);
        return Arrays.copyOfRange(audio, from, to);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
