package org.livepeer.simulator.ai;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated language model: answers the last user message with a deterministic reply. A token
 * is a whitespace-separated word (with its leading space), which keeps counts easy to check.
 */
final class LlmResponder {

    record Message(String role, String content) {}

    /** The reply split into tokens, and the prompt's token count. */
    record Completion(List<String> tokens, int promptTokens) {
        String text() {
            return String.join("", tokens);
        }
    }

    private LlmResponder() {}

    static Completion complete(String model, List<Message> messages, int maxTokens) {
        String question = "";
        int promptTokens = 0;
        StringBuilder conversation = new StringBuilder(model);
        for (Message message : messages) {
            promptTokens += words(message.content()).length;
            conversation.append('\n').append(message.role()).append(": ").append(message.content());
            if ("user".equals(message.role())) {
                question = message.content();
            }
        }
        long seed = Seeds.of(conversation.toString());
        List<String> words = new ArrayList<>(List.of("You", "asked", "the", "simulated", model + ":"));
        String[] asked = words(question);
        for (int i = 0; i < Math.min(8, asked.length); i++) {
            words.add(i == 0 ? "\"" + asked[i] : asked[i]);
        }
        if (asked.length > 0) {
            int last = words.size() - 1;
            words.set(last, words.get(last) + (asked.length > 8 ? "…\"" : "\""));
        }
        words.add("My");
        words.add("answer:");
        int filler = 6 + (int) (seed % 18);
        for (int i = 0; i < filler; i++) {
            words.add(Vocabulary.word(seed + i) + (i == filler - 1 ? "." : ""));
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < Math.min(maxTokens, words.size()); i++) {
            tokens.add(i == 0 ? words.get(i) : " " + words.get(i));
        }
        return new Completion(tokens, promptTokens);
    }

    private static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }
}
