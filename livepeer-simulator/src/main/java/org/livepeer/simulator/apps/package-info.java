/**
 * Live runner apps and Scope on a simulated orchestrator: the runner registry ({@link
 * org.livepeer.simulator.apps.RunnerConfig}), discovery, session reservation with payment
 * challenges and billing, the streaming and WebSocket reverse proxy, the runner callbacks, Scope
 * sessions, and {@link org.livepeer.simulator.apps.RunnerApp}, an application to proxy to. Tests
 * read and change it through {@link org.livepeer.simulator.apps.SimApps}.
 */
package org.livepeer.simulator.apps;
