package org.livepeer.camel;

import org.apache.camel.spi.Metadata;

/** The Camel message headers of the {@code livepeer:} component. */
public final class LivepeerConstants {

    @Metadata(
            label = "producer",
            description = "Pins this exchange to one orchestrator (host:port or https://host:port); no other is tried.",
            javaType = "String")
    public static final String ORCHESTRATOR = "CamelLivepeerOrchestrator";

    @Metadata(
            label = "producer",
            description = "The model for this exchange, overriding the endpoint's modelId.",
            javaType = "String")
    public static final String MODEL_ID = "CamelLivepeerModelId";

    @Metadata(
            label = "producer",
            description = "Extra remote signer headers for this exchange (a tenant's credentials), as a Map or"
                    + " 'Name: value' lines. Secret: never logged.",
            javaType = "Object",
            secret = true)
    public static final String SIGNER_HEADERS = "CamelLivepeerSignerHeaders";

    @Metadata(
            label = "producer",
            description = "Request fields for this exchange (a Map), merged over the endpoint's fields;"
                    + " used when the body is the natural payload (a prompt, an image, audio).",
            javaType = "java.util.Map<String, Object>")
    public static final String FIELDS = "CamelLivepeerFields";

    @Metadata(
            label = "producer",
            description = "Attributes for a custom selection strategy (e.g. a tenant id), as a Map.",
            javaType = "java.util.Map<String, String>")
    public static final String SELECTION_ATTRIBUTES = "CamelLivepeerSelectionAttributes";

    @Metadata(
            label = "producer",
            description = "The orchestrator (host:port) that served the request.",
            javaType = "String")
    public static final String ORCHESTRATOR_USED = "CamelLivepeerOrchestratorUsed";

    @Metadata(
            label = "producer",
            description = "The orchestrator's HTTP base URL that served the request.",
            javaType = "String")
    public static final String TRANSCODER_URL = "CamelLivepeerTranscoderUrl";

    @Metadata(label = "producer", description = "The model that served the request.", javaType = "String")
    public static final String MODEL_USED = "CamelLivepeerModelUsed";

    @Metadata(
            label = "producer",
            description = "The orchestrator's price in wei per unit (pixel) for the pipeline and model.",
            javaType = "java.math.BigDecimal")
    public static final String PRICE_PER_UNIT = "CamelLivepeerPricePerUnit";

    @Metadata(
            label = "producer",
            description = "What this request cost, price times units, in wei (paid from the credit kept"
                    + " with the orchestrator, which tickets top up when it runs short).",
            javaType = "java.math.BigDecimal")
    public static final String AMOUNT_PAID = "CamelLivepeerAmountPaid";

    @Metadata(label = "producer", description = "How long the request took, in milliseconds.", javaType = "long")
    public static final String LATENCY = "CamelLivepeerLatency";

    @Metadata(label = "producer", description = "The request id sent to the orchestrator.", javaType = "String")
    public static final String REQUEST_ID = "CamelLivepeerRequestId";

    @Metadata(label = "producer", description = "How many orchestrators were tried.", javaType = "int")
    public static final String ATTEMPTS = "CamelLivepeerAttempts";

    @Metadata(
            label = "live",
            description = "live-video-to-video producers: the session for this exchange, overriding the endpoint's"
                    + " session; it is started on first use. Consumers set it on every exchange.",
            javaType = "String")
    public static final String SESSION = "CamelLivepeerSession";

    @Metadata(
            label = "consumer",
            description = "live-video-to-video: the output segment's sequence number.",
            javaType = "long")
    public static final String SEGMENT_SEQUENCE = "CamelLivepeerSegmentSequence";

    @Metadata(
            label = "live",
            description = "live-video-to-video: the manifest id the orchestrator gave the session.",
            javaType = "String")
    public static final String MANIFEST_ID = "CamelLivepeerManifestId";

    private LivepeerConstants() {}

    @Metadata(
            label = "app",
            description = "app producers: the persistent app session that served the exchange.",
            javaType = "String")
    public static final String APP_SESSION_ID = "CamelLivepeerAppSessionId";
}
