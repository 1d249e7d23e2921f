package org.livepeer.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WireContractTest {

    @Test
    void fieldNumbersMatchTheOrchestratorContract() {
        assertField(OrchestratorInfo.getDescriptor(), "transcoder", 1);
        assertField(OrchestratorInfo.getDescriptor(), "auth_token", 6);
        assertField(OrchestratorInfo.getDescriptor(), "storage", 32);
        assertField(OrchestratorInfo.getDescriptor(), "capabilities_prices", 33);
        assertField(OrchestratorInfo.getDescriptor(), "nodes", 34);
        assertField(SegData.getDescriptor(), "auth_token", 8);
        assertField(SegData.getDescriptor(), "ForceSessionReinit", 38);
        assertField(PaymentResult.getDescriptor(), "info", 16);
        assertField(Payment.getDescriptor(), "expected_price", 5);
        assertField(PriceInfo.getDescriptor(), "constraint", 4);
        assertEquals("net.Orchestrator", OrchestratorGrpc.SERVICE_NAME);
    }

    @Test
    void paymentResultDecodesInfoWrittenAsRawFieldSixteen() throws Exception {
        OrchestratorInfo info = OrchestratorInfo.newBuilder()
                .setTranscoder("https://127.0.0.1:8935")
                .setAuthToken(AuthToken.newBuilder().setSessionId("s1").setToken(ByteString.copyFromUtf8("t")))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeMessage(16, info);
        out.flush();

        PaymentResult decoded = PaymentResult.parseFrom(bytes.toByteArray());

        assertEquals("https://127.0.0.1:8935", decoded.getInfo().getTranscoder());
        assertEquals("s1", decoded.getInfo().getAuthToken().getSessionId());
    }

    private static void assertField(Descriptor message, String name, int number) {
        assertEquals(number, message.findFieldByName(name).getNumber(), message.getName() + "." + name);
    }
}
