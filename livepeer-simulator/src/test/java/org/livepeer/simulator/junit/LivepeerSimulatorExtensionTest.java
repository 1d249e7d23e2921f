package org.livepeer.simulator.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.LivepeerSimulator;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivepeerSimulatorExtensionTest {

    @RegisterExtension
    static LivepeerSimulatorExtension perClass = LivepeerSimulatorExtension.create(b -> b.orchestrators(2));

    @RegisterExtension
    final LivepeerSimulatorExtension perTest = LivepeerSimulatorExtension.create(b -> b.offchain(true));

    private static LivepeerSimulator firstPerClass;
    private static LivepeerSimulator firstPerTest;

    @Test
    @Order(1)
    void aStaticExtensionIsRunningWithTheRequestedNetwork() {
        firstPerClass = perClass.simulator();
        firstPerTest = perTest.simulator();
        assertEquals(2, perClass.orchestratorAddresses().size());
        assertEquals(String.join(",", perClass.orchestratorAddresses()), perClass.orchestrators());
        assertTrue(reachable(perClass.signerUrl()), "the signer answers");
        assertEquals(perClass.token(), perClass.properties().getProperty(LivepeerSimulatorExtension.TOKEN_PROPERTY));
        assertEquals(
                perClass.signerUrl(),
                perClass.properties().getProperty(LivepeerSimulatorExtension.SIGNER_URL_PROPERTY));
    }

    @Test
    @Order(2)
    void theStaticNetworkIsSharedAndAnInstanceNetworkIsNewForEveryTestAndClosedAfterIt() {
        assertSame(firstPerClass, perClass.simulator());
        assertNotSame(firstPerTest, perTest.simulator());
        String earlier = firstPerTest.orchestratorAddresses().get(0);
        assertTrue(!reachable("http://" + earlier), "the earlier test's network was closed");
    }

    @Test
    @Order(3)
    void anOffchainNetworkHasNoSignerProperty() {
        assertNull(perTest.signerUrl());
        assertNull(perTest.properties().getProperty(LivepeerSimulatorExtension.SIGNER_URL_PROPERTY));
    }

    @Test
    void anUnregisteredExtensionSaysHowToUseIt() {
        var failure = assertThrows(IllegalStateException.class, () -> LivepeerSimulatorExtension.create()
                .token());
        assertTrue(failure.getMessage().contains("@RegisterExtension"), failure.getMessage());
    }

    private static boolean reachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
