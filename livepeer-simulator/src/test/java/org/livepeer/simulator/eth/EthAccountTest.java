package org.livepeer.simulator.eth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
}
