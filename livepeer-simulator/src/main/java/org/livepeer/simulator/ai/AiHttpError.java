package org.livepeer.simulator.ai;

/**
 * An error the orchestrator answers with: go-livepeer writes these as {@code text/plain} bodies
 * holding the message and a newline ({@code http.Error}), whatever the runner's own error shape.
 */
final class AiHttpError extends Exception {

    private final int status;

    AiHttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static AiHttpError badRequest(String message) {
        return new AiHttpError(400, message);
    }

    /** go-livepeer wraps a runner's 422 into a 500 carrying the runner's validation body. */
    static AiHttpError runnerMissingField(String pipeline, String field) {
        String body =
                "{\"detail\":[{\"loc\":[\"body\",\"" + field + "\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}";
        return new AiHttpError(500, pipeline + " container returned 422: " + body);
    }

    /** A runner 400 ({@code {"detail":{"msg":…}}}) as the orchestrator relays it. */
    static AiHttpError runnerBadRequest(String pipeline, String message) {
        return new AiHttpError(500, pipeline + " container returned 400: " + message);
    }

    /** A runner 500 as the orchestrator relays it. */
    static AiHttpError runnerFailure(String pipeline, String message) {
        return new AiHttpError(500, pipeline + " container returned 500: " + message);
    }

    /** What an orchestrator relays when the runner runs out of GPU memory. */
    static AiHttpError runnerOutOfMemory(String pipeline) {
        return runnerFailure(pipeline, "GPU out of memory.");
    }

    int status() {
        return status;
    }
}
