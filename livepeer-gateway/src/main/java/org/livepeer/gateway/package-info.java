/**
 * The gateway core, usable from plain Java: configuration, discovery, orchestrator selection,
 * {@code OrchestratorSession}, {@code PaymentSession} and the remote signer client. Never depends on
 * Camel.
 */
package org.livepeer.gateway;
