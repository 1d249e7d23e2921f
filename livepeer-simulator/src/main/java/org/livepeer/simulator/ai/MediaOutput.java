package org.livepeer.simulator.ai;

import java.util.Base64;

/**
 * Turns the generated files of one request into the URLs its response carries: {@code data:} URLs
 * or download URLs on the orchestrator, per {@link MediaDelivery} and go-livepeer's rule for
 * gateways that do not speak the AI worker protocol.
 */
final class MediaOutput {

    private final DownloadStore store;
    private final String baseUrl;
    private final MediaDelivery delivery;
    private final boolean inlineImages;
    private final String folder;

    /**
     * @param workerProtocol whether the request carried {@code Authorization: Livepeer-AI-Worker-1.0};
     *     go-livepeer inlines image results for gateways that do not
     */
    MediaOutput(DownloadStore store, String baseUrl, MediaDelivery delivery, boolean workerProtocol) {
        this.store = store;
        this.baseUrl = baseUrl;
        this.delivery = delivery;
        this.inlineImages = delivery == MediaDelivery.DATA_URL || !workerProtocol;
        this.folder = store.newFolder();
    }

    /** For text-to-image, image-to-image and upscale results. */
    String png(byte[] png) {
        return inlineImages ? dataUrl("image/png", png) : download(".png", "image/png", png);
    }

    String wav(byte[] wav) {
        return delivery == MediaDelivery.DATA_URL ? dataUrl("audio/wav", wav) : download(".wav", "audio/wav", wav);
    }

    /** Always a download: go-livepeer gateways fetch videos and cannot read data URLs for them. */
    String mp4(byte[] mp4) {
        return download(".mp4", "video/mp4", mp4);
    }

    private String download(String extension, String contentType, byte[] bytes) {
        return baseUrl + store.put(folder, extension, contentType, bytes);
    }

    private static String dataUrl(String contentType, byte[] bytes) {
        return "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
