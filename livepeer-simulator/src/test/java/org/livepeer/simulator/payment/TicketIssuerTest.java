package org.livepeer.simulator.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.Payment;
import org.livepeer.proto.PriceInfo;
import org.livepeer.proto.TicketParams;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;

class TicketIssuerTest {

    private static final BigInteger FACE_VALUE = BigInteger.valueOf(1_000_000_000_000L);
    private static final BigInteger WIN_PROB = TicketMath.winProbFor(FACE_VALUE, BigInteger.valueOf(1_000_000_000));
    private static final PriceInfo PRICE =
            PriceInfo.newBuilder().setPricePerUnit(1).setPixelsPerUnit(1).build();

    private final SimulatedChain chain = new SimulatedChain(Duration.ofSeconds(12));
    private final EthAccount orchestrator = EthAccount.random();
    private final EthAccount signer = EthAccount.random();
    private final TicketIssuer issuer =
            new TicketIssuer(orchestrator, chain, FACE_VALUE, WIN_PROB, Duration.ofMinutes(10));
    private final TicketSender sender = new TicketSender(signer, chain);

    @Test
    void creditsEveryTicketAtItsExpectedValue() throws Exception {
        TicketParams params = issuer.newTicketParams();
        Payment payment = sender.createPayment(params, PRICE, 0, 3);

        PaymentReceipt receipt = issuer.receive(payment);

        assertArrayEquals(signer.address(), receipt.sender());
        assertEquals(3, receipt.tickets());
        assertEquals(TicketSender.ev(params).multiply(3), receipt.credited());
        assertEquals(issuer.ev().multiply(3), receipt.credited());
    }

    @Test
    void continuesNoncesAcrossPaymentsAndRejectsReuse() throws Exception {
        TicketParams params = issuer.newTicketParams();
        issuer.receive(sender.createPayment(params, PRICE, 0, 2));
        issuer.receive(sender.createPayment(params, PRICE, 2, 2));

        PaymentException reuse =
                assertThrows(PaymentException.class, () -> issuer.receive(sender.createPayment(params, PRICE, 1, 2)));

        assertEquals(
                "invalid ticket senderNonce: already seen sender=" + signer.addressHex() + " nonce=2",
                reuse.getMessage());
        assertEquals(0, reuse.accepted().tickets());
    }

    @Test
    void refusesParamsOnceTheChainPassesTheirExpiration() throws Exception {
        TicketParams params = issuer.newTicketParams();
        Payment payment = sender.createPayment(params, PRICE, 0, 1);
        chain.advance(Duration.ofMinutes(11));

        PaymentException expired = assertThrows(PaymentException.class, () -> issuer.receive(payment));

        assertEquals("TicketParams expired", expired.getMessage());
        TicketParamsRejected rejected =
                assertThrows(TicketParamsRejected.class, () -> sender.createPayment(params, PRICE, 1, 1));
        assertTrue(rejected.expired());
    }

    @Test
    void expireAllParamsExpiresOnlyWhatWasIssuedBefore() throws Exception {
        TicketParams old = issuer.newTicketParams();
        issuer.expireAllParams();
        TicketParams fresh = issuer.newTicketParams();

        assertEquals(
                "TicketParams expired",
                assertThrows(PaymentException.class, () -> issuer.receive(sender.createPayment(old, PRICE, 0, 1)))
                        .getMessage());
        assertEquals(1, issuer.receive(sender.createPayment(fresh, PRICE, 0, 1)).tickets());
    }

    @Test
    void refusesForgedSignaturesAndUnknownParams() throws Exception {
        TicketParams params = issuer.newTicketParams();
        Payment good = sender.createPayment(params, PRICE, 0, 2);
        Payment forged = good.toBuilder()
                .setTicketSenderParams(
                        1, good.getTicketSenderParams(1).toBuilder().setSig(ByteString.copyFrom(new byte[65])))
                .build();

        PaymentException badSig = assertThrows(PaymentException.class, () -> issuer.receive(forged));
        assertEquals("invalid ticket signature", badSig.getMessage());
        assertEquals(1, badSig.accepted().tickets(), "the ticket before the bad one still counts");

        TicketParams foreign =
                new TicketIssuer(orchestrator, chain, FACE_VALUE, WIN_PROB, Duration.ofMinutes(10)).newTicketParams();
        assertEquals(
                "invalid recipientRand for ticket recipientRandHash",
                assertThrows(PaymentException.class, () -> issuer.receive(sender.createPayment(foreign, PRICE, 0, 1)))
                        .getMessage());

        Payment otherFace = sender.createPayment(
                params.toBuilder()
                        .setFaceValue(WireValues.unsigned(FACE_VALUE.add(BigInteger.ONE)))
                        .build(),
                PRICE,
                10,
                1);
        assertEquals(
                "invalid recipientRand for ticket recipientRandHash",
                assertThrows(PaymentException.class, () -> issuer.receive(otherFace))
                        .getMessage());
    }

    @Test
    void refusesPaymentsWithoutSenderOrTickets() throws Exception {
        TicketParams params = issuer.newTicketParams();
        Payment payment = sender.createPayment(params, PRICE, 0, 1);

        assertThrows(
                PaymentException.class,
                () -> issuer.receive(payment.toBuilder().clearSender().build()));
        assertThrows(
                PaymentException.class,
                () -> issuer.receive(
                        payment.toBuilder().clearTicketSenderParams().build()));
        PaymentException otherRecipient = assertThrows(PaymentException.class, () -> new TicketIssuer(
                        EthAccount.random(), chain, FACE_VALUE, WIN_PROB, Duration.ofMinutes(1))
                .receive(payment));
        assertEquals("invalid ticket recipient", otherRecipient.getMessage());
    }
}
