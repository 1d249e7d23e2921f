package org.livepeer.gateway.ai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.ai.model.AudioResponse;
import org.livepeer.gateway.ai.model.ImageResponse;
import org.livepeer.gateway.ai.model.Media;

/**
 * The answer of a batch request and how it was served.
 *
 * @param response the typed answer (for a streamed llm request, the {@link LlmStream})
 * @param orchestrator the orchestrator that served it
 * @param transcoderUrl its HTTP base URL
 * @param modelId the model used
 * @param pricePerUnit wei per unit the orchestrator charges, null when it quoted none (offchain)
 * @param units the units paid for (pixels, milliseconds of audio, tokens, characters)
 * @param paidWei what the request cost: price × units in wei, paid from the credit the gateway keeps
 *     with the orchestrator, which tickets top up when it runs short (0 offchain)
 * @param latency from the call to the answer (for a stream: to the answer's head)
 * @param requestId an id of this client's, for logs (go-livepeer's gateway sends none for batch work)
 * @param attempts orchestrators tried, the successful one included
 */
public record BatchResult<R>(
        R response,
        OrchestratorAddress orchestrator,
        String transcoderUrl,
        String modelId,
        BigDecimal pricePerUnit,
        long units,
        BigDecimal paidWei,
        Duration latency,
        String requestId,
        int attempts,
        MediaFetcher fetcher) {

    /** URLs of the media in the answer: images or the video, or the speech audio; empty for text answers. */
    public List<String> mediaUrls() {
        if (response instanceof ImageResponse images) {
            return images.images().stream().map(Media::url).toList();
        }
        if (response instanceof AudioResponse audio && audio.audio() != null) {
            return List.of(audio.audio().url());
        }
        return List.of();
    }

    /**
     * The bytes of media {@code index} of {@link #mediaUrls()}: a data URL decoded, or a download URL
     * on the serving orchestrator (or an allowed origin) fetched.
     */
    public CompletableFuture<byte[]> mediaBytes(int index) {
        List<String> urls = mediaUrls();
        if (index < 0 || index >= urls.size()) {
            return CompletableFuture.failedFuture(new org.livepeer.gateway.OrchestratorException(
                    orchestrator.authority(),
                    "the answer has no media " + index + " (it has " + urls.size() + ")",
                    false,
                    null));
        }
        return fetcher.fetch(urls.get(index), transcoderUrl);
    }
}
