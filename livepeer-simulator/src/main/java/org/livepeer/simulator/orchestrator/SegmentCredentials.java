package org.livepeer.simulator.orchestrator;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.SegData;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.payment.SegDataSigning;

/**
 * Checks {@code Livepeer-Segment} as go-livepeer's verifySegCreds does: decodable, signed by the
 * payment sender (not offchain), capabilities this orchestrator has, and a valid, unexpired auth
 * token. Every failure is a 403 with go-livepeer's text.
 */
final class SegmentCredentials {

    private final boolean offchain;
    private final AuthTokens authTokens;
    private final Supplier<Capabilities> ownCapabilities;

    SegmentCredentials(boolean offchain, AuthTokens authTokens, Supplier<Capabilities> ownCapabilities) {
        this.offchain = offchain;
        this.authTokens = authTokens;
        this.ownCapabilities = ownCapabilities;
    }

    SegData verify(String header, byte[] sender) throws OrchestratorError {
        SegData segData;
        try {
            segData = SegData.parseFrom(Base64.getDecoder().decode(header.trim()));
        } catch (IllegalArgumentException e) {
            throw new OrchestratorError(403, "ErrorSegEncoding");
        } catch (InvalidProtocolBufferException e) {
            throw new OrchestratorError(403, e.getMessage());
        }
        if (!offchain
                && !EthAccount.verify(
                        PaymentProcessor.padAddress(sender),
                        SegDataSigning.message(segData),
                        segData.getSig().toByteArray())) {
            throw new OrchestratorError(403, "ErrSegSig");
        }
        if (segData.hasCapabilities() && !compatible(segData.getCapabilities(), ownCapabilities.get())) {
            throw new OrchestratorError(403, "incompatible capabilities");
        }
        if (!segData.hasAuthToken()) {
            throw new OrchestratorError(403, "missing auth token");
        }
        String problem = authTokens.check(segData.getAuthToken());
        if (problem != null) {
            throw new OrchestratorError(403, problem);
        }
        return segData;
    }

    /** Every capability bit the request sets is one this orchestrator has. */
    private static boolean compatible(Capabilities wanted, Capabilities own) {
        List<Long> want = wanted.getBitstringList();
        List<Long> have = own.getBitstringList();
        if (want.size() > have.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if ((want.get(i) & have.get(i)) != want.get(i)) {
                return false;
            }
        }
        return true;
    }
}
