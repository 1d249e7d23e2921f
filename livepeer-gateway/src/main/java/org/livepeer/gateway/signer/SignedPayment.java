package org.livepeer.gateway.signer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the signer returns for a payment: the base64 {@code Payment} and {@code SegData} to send to
 * the orchestrator as {@code Livepeer-Payment} and {@code Livepeer-Segment}, and the opaque state
 * to pass back with the next request of the same session.
 */
public record SignedPayment(String payment, String segCreds, JsonNode state) {}
