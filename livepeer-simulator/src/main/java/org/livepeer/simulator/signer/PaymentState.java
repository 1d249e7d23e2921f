package org.livepeer.simulator.signer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The bookkeeping of one payment session, carried by the gateway between calls; the fields and
 * JSON names of go-livepeer's {@code RemotePaymentState}. The gateway sees it only signed and
 * base64-encoded.
 */
@JsonPropertyOrder({
    "StateID",
    "PMSessionID",
    "LastUpdate",
    "OrchestratorAddress",
    "App",
    "AuthExpiry",
    "SenderNonce",
    "Balance",
    "InitialPricePerUnit",
    "InitialPixelsPerUnit",
    "Type",
    "SequenceNumber",
    "AuthID"
})
@JsonIgnoreProperties(ignoreUnknown = true)
final class PaymentState {

    /** Go's zero {@code time.Time}, meaning "never paid". */
    static final String NEVER = "0001-01-01T00:00:00Z";

    @JsonProperty("StateID")
    String stateId = "";

    /** The recipientRandHash (hex) the sender nonce belongs to. */
    @JsonProperty("PMSessionID")
    String pmSessionId = "";

    /** RFC 3339 instant of the last payment. */
    @JsonProperty("LastUpdate")
    String lastUpdate = NEVER;

    /** Lower-case "0x…" address, as Go encodes an address. */
    @JsonProperty("OrchestratorAddress")
    String orchestratorAddress = "";

    @JsonProperty("App")
    String app = "";

    @JsonProperty("AuthExpiry")
    long authExpiry;

    /** Last nonce used with {@link #pmSessionId}; an unsigned 32-bit value. */
    @JsonProperty("SenderNonce")
    long senderNonce;

    /** Credit left with the orchestrator, in wei, as a Go RatString. */
    @JsonProperty("Balance")
    String balance = "";

    @JsonProperty("InitialPricePerUnit")
    long initialPricePerUnit;

    @JsonProperty("InitialPixelsPerUnit")
    long initialPixelsPerUnit;

    @JsonProperty("Type")
    String type = "";

    @JsonProperty("SequenceNumber")
    long sequenceNumber;

    @JsonProperty("AuthID")
    String authId = "";
}
