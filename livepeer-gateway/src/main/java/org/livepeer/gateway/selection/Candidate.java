package org.livepeer.gateway.selection;

import java.time.Duration;
import org.livepeer.gateway.orchestrator.Offer;
import org.livepeer.gateway.orchestrator.OrchestratorSession;

/** An orchestrator that answered and can serve the request, with what it offers and how fast it answered. */
public record Candidate(OrchestratorSession session, Offer offer, Duration latency) {}
