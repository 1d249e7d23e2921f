package org.livepeer.simulator.ai;

/** How generated images and audio reach the gateway. Videos are always download URLs, as in go-livepeer. */
public enum MediaDelivery {
    /**
     * go-livepeer's behaviour: results are stored on the orchestrator and answered as absolute URLs
     * under {@code /stream/}; gateways that do not send {@code Authorization: Livepeer-AI-Worker-1.0}
     * get text-to-image, image-to-image and upscale results inlined as data URLs instead.
     */
    DOWNLOAD_URL,
    /** Images and audio always inlined as {@code data:} URLs, as the AI runner itself answers. */
    DATA_URL
}
