package org.livepeer.gateway.ai.model;

import org.livepeer.gateway.Pipeline;

/**
 * The body of a request to one batch pipeline, with the type of its answer. Requests serialize
 * (with Jackson) to exactly the fields of the AI runner's API; what is not set is left out.
 *
 * @param <R> the pipeline's response type
 */
public interface AiRequest<R> {

    Pipeline pipeline();

    /** The model asked for, or null for the pipeline's default (as go-livepeer's gateway picks it). */
    String modelId();

    Class<R> responseType();

    /** Sets the model ({@code model_id}, or {@code model} for llm). */
    void useModel(String modelId);
}
