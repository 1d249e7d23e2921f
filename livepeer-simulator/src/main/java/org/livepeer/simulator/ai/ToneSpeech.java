package org.livepeer.simulator.ai;

/**
 * The simulated voice: one short tone per character (pitch from the character, a pause for
 * spaces), so the audio's length follows the text.
 */
final class ToneSpeech {

    static final int SAMPLE_RATE = 16_000;
    static final int MILLIS_PER_CHARACTER = 40;

    private ToneSpeech() {}

    static byte[] speak(String text, String voice) {
        int[] codePoints = text.codePoints().toArray();
        int perCharacter = SAMPLE_RATE * MILLIS_PER_CHARACTER / 1000;
        short[] samples = new short[codePoints.length * perCharacter];
        double basePitch = 180 + Seeds.of(voice) % 120;
        for (int i = 0; i < codePoints.length; i++) {
            int codePoint = codePoints[i];
            if (Character.isWhitespace(codePoint)) {
                continue;
            }
            double frequency = basePitch + (codePoint % 32) * 15;
            for (int n = 0; n < perCharacter; n++) {
                // A short fade in and out avoids clicks between characters.
                double envelope = Math.min(1, Math.min(n, perCharacter - n) / 80.0);
                double value = Math.sin(2 * Math.PI * frequency * n / SAMPLE_RATE) * envelope * 0.4;
                samples[i * perCharacter + n] = (short) (value * Short.MAX_VALUE);
            }
        }
        return WavFile.pcm16Mono(samples, SAMPLE_RATE);
    }
}
