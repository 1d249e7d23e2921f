package org.livepeer.simulator.apps;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.simulator.http.HttpCall;

/**
 * The {@code 402 Payment Required} answer to a priced request without payment: the OrchestratorInfo
 * a signer needs to write tickets for the payer named in {@code Livepeer-Payer-Address}.
 */
final class PaymentChallenge {

    static final String PAYER_HEADER = "Livepeer-Payer-Address";
    static final String PAYMENT_HEADER = "Livepeer-Payment";
    static final String SEGMENT_HEADER = "Livepeer-Segment";

    /** go-ethereum's IsHexAddress: 40 hex digits, with or without {@code 0x}. */
    private static final Pattern ADDRESS = Pattern.compile("(0[xX])?[0-9a-fA-F]{40}");

    private PaymentChallenge() {}

    /** The payer address, or null after answering 402 with a JSON error when it is missing or invalid. */
    static String payer(HttpCall call) {
        String address = call.header(PAYER_HEADER);
        if (address == null || !ADDRESS.matcher(address).matches()) {
            Map<String, Object> error =
                    Map.of("error", Map.of("message", "invalid live runner payment signer address"));
            call.respondJson(HttpResponseStatus.PAYMENT_REQUIRED, error);
            return null;
        }
        return address;
    }

    static void respond(HttpCall call, OrchestratorInfo info, String paymentUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("payment_params", Base64.getEncoder().encodeToString(info.toByteArray()));
        body.put("orchestrator", info.getTranscoder());
        body.put("manifest_id", info.getAuthToken().getSessionId());
        body.put("payment_url", paymentUrl);
        call.respondJson(HttpResponseStatus.PAYMENT_REQUIRED, body);
    }

    static boolean hasPayment(HttpCall call) {
        return !isEmpty(call.header(PAYMENT_HEADER)) || !isEmpty(call.header(SEGMENT_HEADER));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
