package org.livepeer.gateway;

import java.util.List;
import java.util.stream.Collectors;

/** No orchestrator could serve the request; lists every orchestrator considered and why it was not used. */
public class NoOrchestratorAvailableException extends LivepeerException {

    /** One orchestrator that was tried (or skipped) and the reason. */
    public record Rejection(String orchestrator, String reason) {
        @Override
        public String toString() {
            return orchestrator + ": " + reason;
        }
    }

    private final List<Rejection> rejections;

    public NoOrchestratorAvailableException(String what, List<Rejection> rejections) {
        super(message(what, rejections));
        this.rejections = List.copyOf(rejections);
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    private static String message(String what, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return "no orchestrator available for " + what + ": none configured or discovered";
        }
        return "no orchestrator available for " + what + " (" + rejections.size() + " tried): "
                + rejections.stream().map(Rejection::toString).collect(Collectors.joining("; "));
    }
}
