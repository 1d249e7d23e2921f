package org.livepeer.simulator.eth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EthAccountTest {

    // The well-known example key of the web3.js accounts documentation.
    private static final EthAccount KNOWN = EthAccount.fromPrivateKey(
            new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16));

    @Test
    void derivesTheChecksummedAddressOfAKnownKey() {
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", KNOWN.addressHex());
    }

    @Test
    void signsPersonalMessagesExactlyAsEthereumWalletsDo() {
        byte[] sig = KNOWN.sign("Some data".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
                        + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a029"
                        + "1c",
                HexFormat.of().formatHex(sig));
    }

    @Test
    void recoversTheSignerAndRejectsOtherMessages() {
        EthAccount account = EthAccount.random();
        byte[] message = account.addressHex().getBytes(StandardCharsets.US_ASCII);
        byte[] sig = account.sign(message);

        assertArrayEquals(account.address(), EthAccount.recoverAddress(message, sig));
        assertTrue(EthAccount.verify(account.address(), message, sig));
        assertFalse(EthAccount.verify(account.address(), "other".getBytes(StandardCharsets.US_ASCII), sig));
        assertFalse(EthAccount.verify(account.address(), message, new byte[65]));
    }

    @Test
    void everySignatureIsLowSAndRecoversToItsSignerWithEitherRecoveryId() {
        BigInteger halfOrder = new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);
        Set<Integer> recoveryIds = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            EthAccount account = EthAccount.fromPrivateKey(BigInteger.valueOf(1_000_003L * (i + 1)));
            byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = account.sign(message);

            assertArrayEquals(account.address(), EthAccount.recoverAddress(message, sig), "message " + i);
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            assertTrue(s.compareTo(halfOrder) <= 0, "high s for message " + i);
            recoveryIds.add(sig[64] - 27);
        }
        assertEquals(Set.of(0, 1), recoveryIds);
    }
}
