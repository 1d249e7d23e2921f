package org.livepeer.gateway.ai;

import static org.livepeer.gateway.Failures.unwrap;

import java.util.Locale;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.gateway.payment.BatchCharge;
import org.livepeer.gateway.tls.CertificateChangedException;

/**
 * Which failures another orchestrator may not repeat, following go-livepeer's gateway: refused
 * tickets ("ticketparams expired", "invalid ticket sendernonce"), "insufficient capacity",
 * unreachable or failing orchestrators, and prices the signer will not pay are retried elsewhere
 * ("insufficient balance" too: the credit this gateway assumed was not there, so it starts afresh);
 * a request the orchestrator or its runner rejects as bad (400, 422, a runner's 4xx relayed in a
 * 500) fails at once, since any orchestrator would say the same.
 */
final class FailurePolicy {

    private FailurePolicy() {}

    /** What to do after a failed attempt. */
    enum Action {
        /** Give up: the error is the answer. */
        FAIL,
        /** Try another orchestrator and avoid this one for a while. */
        RETRY_ELSEWHERE,
        /** Try another orchestrator; this one's ticket parameters or credentials went stale: refresh them. */
        RETRY_ELSEWHERE_AND_REFRESH
    }

    static Action decide(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AiRequestException reply) {
            if (isStalePayment(reply.status(), reply.orchestratorMessage())) {
                return Action.RETRY_ELSEWHERE_AND_REFRESH;
            }
            return reply.isRetryable() ? Action.RETRY_ELSEWHERE : Action.FAIL;
        }
        if (presentsNewCertificate(error)) {
            // the orchestrator likely restarted: a refresh over gRPC decides whether to trust it again
            return Action.RETRY_ELSEWHERE_AND_REFRESH;
        }
        if (cause instanceof LivepeerException livepeer && livepeer.isRetryable()) {
            return Action.RETRY_ELSEWHERE;
        }
        return Action.FAIL;
    }

    private static boolean presentsNewCertificate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException) {
                return true;
            }
        }
        return false;
    }

    /** Builds the error for an orchestrator's error answer, deciding whether it is worth another orchestrator. */
    static AiRequestException errorReply(String orchestrator, String url, int status, String body) {
        String whole = body == null ? "" : body.trim();
        String message = whole.isEmpty() ? "(no message)" : excerpt(whole);
        // retryability reads the whole (bounded) body: a marker may come after the excerpt
        return new AiRequestException(orchestrator, url, status, message, isRetryable(status, whole));
    }

    /** The longest error text quoted in a message. */
    static final int MAX_QUOTED_CHARS = 500;

    /** The start of an error body for a message: trimmed, at most {@link #MAX_QUOTED_CHARS}, control characters as spaces. */
    static String excerpt(String body) {
        String text = body == null ? "" : body.trim();
        if (text.length() > MAX_QUOTED_CHARS) {
            text = text.substring(0, MAX_QUOTED_CHARS) + "… (" + (text.length() - MAX_QUOTED_CHARS)
                    + " more characters)";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString();
    }

    static boolean isRetryable(int status, String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (isStalePayment(status, text) || text.contains("insufficient capacity") || status == 503) {
            return true;
        }
        if (status >= 500) {
            // a runner's own 4xx relayed in a 500 means the input is bad
            return !text.matches("(?s).*container returned 4\\d\\d.*");
        }
        return false;
    }

    /**
     * Tells a batch payment's credit how its request ended: served; refused as a payment (the
     * credit is reset); answered with an error before the work (the fee is given back, and the
     * tickets too when the orchestrator stopped before processing the payment: a capacity or request
     * error, whereas a runner failure comes after it); or unknown (a lost connection: the tickets count as lost, the fee as debited).
     */
    static void settle(BatchCharge charge, Throwable error) {
        if (error == null) {
            charge.served();
            return;
        }
        if (unwrap(error) instanceof AiRequestException reply) {
            if (isStalePayment(reply.status(), reply.orchestratorMessage())) {
                charge.refused();
            } else {
                charge.notServed(reply.status() >= 500 && reply.status() != 503);
            }
        } else {
            charge.lost();
        }
    }

    private static boolean isStalePayment(int status, String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("ticketparams expired")
                || text.contains("invalid ticket sendernonce")
                || text.contains("insufficient balance")
                || status == 402
                || status == 403;
    }
}
