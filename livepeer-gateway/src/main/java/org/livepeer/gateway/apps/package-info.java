/**
 * Live Runner apps and Scope from plain Java: discover the apps orchestrators host ({@link
 * org.livepeer.gateway.apps.LiveApps#discover}), reserve a persistent session ({@link
 * org.livepeer.gateway.apps.AppSession}) and call it over HTTP, server-sent events and WebSockets
 * while it is paid per second or once, make single-shot calls, and start Scope sessions ({@link
 * org.livepeer.gateway.apps.ScopeSession}). Payments follow the orchestrator's 402 challenge: its
 * payment parameters go to the remote signer, the reservation is repeated with the payment. Never
 * depends on Camel.
 */
package org.livepeer.gateway.apps;
