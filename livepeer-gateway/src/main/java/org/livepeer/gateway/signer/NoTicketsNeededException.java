package org.livepeer.gateway.signer;

import org.livepeer.gateway.SignerException;

/** HTTP 482: the balance still covers the work; skip this payment cycle. Not an error for callers. */
public final class NoTicketsNeededException extends SignerException {

    public NoTicketsNeededException(String signerUrl, String message) {
        super(signerUrl, 482, message, null);
    }
}
