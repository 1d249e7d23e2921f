package org.livepeer.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.UntrustedCertificateException;
import org.livepeer.gateway.orchestrator.OrchestratorRpc;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.NettyTransport;
import org.livepeer.http.TransportException;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;
import org.livepeer.simulator.orchestrator.OrchestratorConfig;
import org.livepeer.simulator.orchestrator.SimOrchestrator;
import org.livepeer.simulator.tls.SelfSignedCertificate;

/**
 * Orchestrators present certificates shaped like go-livepeer's (empty subject and issuer), which
 * the JDK cannot parse; the gateway reaches them over gRPC and HTTPS, pins them by their bytes,
 * and trusts a new one only when the orchestrator behind it answers as itself.
 */
class GoLivepeerCertificateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final NettyTransport transport =
            NettyTransport.builder().ioThreads(2).build();
    private final TofuTrustStore pins = new TofuTrustStore();
    private final SslContext orchestratorTls = TlsContexts.tofuHttp(pins);
    private final OrchestratorRpc rpc = new OrchestratorRpc(transport.eventLoopGroup(), transport.channelType(), pins);
    private final EthAccount gateway = EthAccount.random();
    private LivepeerSimulator sim;

    @AfterEach
    void close() {
        rpc.close();
        if (sim != null) {
            sim.close();
        }
        transport.close();
    }

    @Test
    void reachesAServerPresentingGoLivepeersOwnCertificateOverGrpcAndHttps() throws Exception {
        byte[] certificatePem = resource("orchestrator-cert.pem");
        byte[] der = der(certificatePem);
        assertThrows(
                CertificateException.class,
                () -> CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)),
                "the test vector is one the JDK cannot parse");
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        orchestrator.presentCertificate(
                SelfSignedCertificate.fromPem(certificatePem, resource("orchestrator-key.pem")));
        OrchestratorAddress address = OrchestratorAddress.parse("test", orchestrator.address());

        OrchestratorInfo info = getOrchestrator(address);
        int status = https(info.getTranscoder() + "/no-such-path");

        assertEquals(orchestrator.transcoderUrl(), info.getTranscoder());
        assertEquals(404, status, "an HTTP answer came back over TLS");
        String fingerprint = TofuTrustStore.fingerprint(der);
        assertEquals(fingerprint, pins.pinned(address.host(), address.port()).orElseThrow());
        URI transcoder = URI.create(info.getTranscoder());
        assertEquals(
                fingerprint,
                pins.pinned(transcoder.getHost(), transcoder.getPort()).orElseThrow());
        assertEquals(0, pins.repins());
    }

    @Test
    void simulatedOrchestratorsPresentEmptyIssuerCertificatesByDefault() throws Exception {
        sim = LivepeerSimulator.builder().offchain(true).orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        OrchestratorAddress address = OrchestratorAddress.parse("test", orchestrator.address());

        getOrchestrator(address);

        byte[] served = orchestrator.certificate().encoded();
        assertEquals(
                TofuTrustStore.fingerprint(served),
                pins.pinned(address.host(), address.port()).orElseThrow());
        X509CertificateHolder holder = new X509CertificateHolder(served);
        assertEquals(0, holder.getIssuer().getRDNs().length);
        assertEquals(0, holder.getSubject().getRDNs().length);
    }

    @Test
    void aRestartedOrchestratorsNewCertificateIsTrustedOverGrpcAndThenHttpsOnceItAnswersAsItself() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        SimOrchestrator orchestrator = sim.orchestrator(0);
        OrchestratorAddress address = OrchestratorAddress.parse("test", orchestrator.address());
        OrchestratorInfo before = getOrchestrator(address);
        assertEquals(404, https(before.getTranscoder() + "/no-such-path"));
        String oldPin = pins.pinned(address.host(), address.port()).orElseThrow();

        orchestrator.restart();

        TransportException refused =
                assertThrows(TransportException.class, () -> https(before.getTranscoder() + "/no-such-path"));
        assertEquals(TransportException.Kind.TLS_HANDSHAKE, refused.kind());
        assertNotNull(cause(refused, CertificateChangedException.class), "typed cause: " + refused);
        assertEquals(0, pins.repins(), "a handshake never re-pins by itself");

        OrchestratorInfo after = getOrchestrator(address);

        assertEquals(before.getAddress(), after.getAddress());
        String newPin = pins.pinned(address.host(), address.port()).orElseThrow();
        assertNotEquals(oldPin, newPin);
        assertEquals(orchestrator.certificate().fingerprint(), newPin);
        assertEquals(404, https(after.getTranscoder() + "/no-such-path"), "HTTPS works again");
        URI transcoder = URI.create(after.getTranscoder());
        assertEquals(
                newPin, pins.pinned(transcoder.getHost(), transcoder.getPort()).orElseThrow());
        assertEquals(2, pins.repins(), "the gRPC pin replaced, the transcoder's dropped");
    }

    @Test
    void anotherOrchestratorOnAPinnedAddressIsRefusedAndThePinKept() throws Exception {
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        SimOrchestrator genuine = sim.orchestrator(0);
        OrchestratorAddress address = OrchestratorAddress.parse("test", genuine.address());
        getOrchestrator(address);
        String pin = pins.pinned(address.host(), address.port()).orElseThrow();
        genuine.stop();

        try (SimOrchestrator impostor = new SimOrchestrator(
                        OrchestratorConfig.builder("impostor")
                                .offchain(true)
                                .grpcPort(address.port())
                                .build(),
                        new SimulatedChain(Duration.ofSeconds(1)),
                        transport.eventLoopGroup(),
                        transport.eventLoopGroup())
                .start()) {
            CompletionException error = assertThrows(CompletionException.class, () -> getOrchestrator(address));

            UntrustedCertificateException untrusted =
                    assertInstanceOf(UntrustedCertificateException.class, error.getCause());
            assertTrue(
                    untrusted.getMessage().contains("differs from the one trusted on first use"),
                    untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("refused"), untrusted.getMessage());
            assertEquals(address.authority(), untrusted.orchestrator());
            assertEquals(pin, pins.pinned(address.host(), address.port()).orElseThrow());
            assertEquals(0, pins.repins());
        }
    }

    private OrchestratorInfo getOrchestrator(OrchestratorAddress address) {
        byte[] sig = gateway.sign(gateway.addressHex().getBytes(StandardCharsets.US_ASCII));
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setAddress(ByteString.copyFrom(gateway.address()))
                .setSig(ByteString.copyFrom(sig))
                .build();
        return rpc.getOrchestrator(address, request, TIMEOUT).join();
    }

    private int https(String url) throws Exception {
        try {
            return transport
                    .send(HttpRequest.get(url).sslContext(orchestratorTls).build())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .status();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoLivepeerCertificateTest.class.getResourceAsStream("/go-livepeer-cert/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] der(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }
}
