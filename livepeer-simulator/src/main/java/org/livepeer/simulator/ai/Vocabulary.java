package org.livepeer.simulator.ai;

import java.util.List;

/** Words the simulated models speak, picked by seed. */
final class Vocabulary {

    private static final List<String> WORDS = List.of(
            "livepeer",
            "video",
            "network",
            "orchestrator",
            "gateway",
            "stream",
            "segment",
            "ticket",
            "payment",
            "model",
            "image",
            "audio",
            "signal",
            "frame",
            "pixel",
            "light",
            "river",
            "mountain",
            "city",
            "morning",
            "evening",
            "quiet",
            "bright",
            "simple",
            "small",
            "large",
            "open",
            "steady",
            "quick",
            "calm",
            "green",
            "blue",
            "golden",
            "silver",
            "north",
            "south",
            "window",
            "garden",
            "bridge",
            "harbor",
            "cloud",
            "rain",
            "sun",
            "wind",
            "road",
            "journey",
            "story",
            "idea",
            "question",
            "answer",
            "moment",
            "detail",
            "pattern",
            "shape",
            "colour",
            "sound",
            "voice",
            "music",
            "rhythm",
            "echo");

    private Vocabulary() {}

    static String word(long seed) {
        return WORDS.get((int) Long.remainderUnsigned(Seeds.mix(seed), WORDS.size()));
    }
}
