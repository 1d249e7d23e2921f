package org.livepeer.gateway.payment;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.proto.OrchestratorInfo;

/**
 * Gives each new payment session ticket parameters no earlier session paid with. A new session
 * starts a new signer state, whose sender nonces start again at 1; orchestrators refuse a nonce
 * already seen for the same parameters ("invalid ticket senderNonce"). So parameters are claimed
 * once per gateway, and a session that finds its orchestrator's parameters claimed fetches fresh
 * ones.
 */
public final class TicketParamsClaims {

    private static final int REMEMBERED = 10_000;
    private static final int MAX_REFRESHES = 3;

    private final Set<ByteString> claimed = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Completes once {@code session} holds parameters claimed for this request (or after a few tries). */
    CompletableFuture<Void> claim(OrchestratorSession session) {
        return claim(session, 0);
    }

    private CompletableFuture<Void> claim(OrchestratorSession session, int refreshes) {
        OrchestratorInfo info = session.cachedInfo();
        if (info == null || !info.hasTicketParams() || refreshes >= MAX_REFRESHES || tryClaim(info)) {
            return CompletableFuture.completedFuture(null);
        }
        return session.refresh().thenCompose(fresh -> claim(session, refreshes + 1));
    }

    private synchronized boolean tryClaim(OrchestratorInfo info) {
        return claimed.add(info.getTicketParams().getRecipientRandHash());
    }
}
