package org.livepeer.simulator.signer;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.livepeer.simulator.eth.EthAccount;

/** Serializes the payment state and signs it with the signer's key, so that tampering shows. */
final class SignedState {

    private final EthAccount account;

    SignedState(EthAccount account) {
        this.account = account;
    }

    record Sealed(byte[] state, byte[] sig) {}

    Sealed seal(PaymentState state) {
        try {
            byte[] bytes = GoJson.MAPPER.writeValueAsBytes(state);
            return new Sealed(bytes, account.sign(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode payment state", e);
        }
    }

    /** The state the gateway sent back, if this signer signed exactly these bytes. */
    PaymentState open(byte[] state, byte[] sig) throws SignerError {
        if (!EthAccount.verify(account.address(), state, sig)) {
            throw SignerError.badRequest("invalid sig");
        }
        try {
            PaymentState decoded = GoJson.MAPPER.readValue(state, PaymentState.class);
            if (decoded == null) {
                throw SignerError.badRequest("invalid state");
            }
            return decoded;
        } catch (IOException e) {
            throw SignerError.badRequest("invalid state");
        }
    }
}
