package org.livepeer.gateway.selection;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.orchestrator.SenderCredentials;
import org.livepeer.simulator.eth.EthAccount;

/** A payment sender's credentials made locally, for tests that do not involve a signer. */
final class TestSender {

    private TestSender() {}

    static SenderCredentials.Source credentials() {
        EthAccount account = EthAccount.random();
        SenderCredentials credentials = new SenderCredentials(
                account.address(), account.sign(account.addressHex().getBytes(StandardCharsets.US_ASCII)));
        return () -> CompletableFuture.completedFuture(credentials);
    }
}
