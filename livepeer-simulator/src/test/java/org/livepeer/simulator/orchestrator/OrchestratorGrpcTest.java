package org.livepeer.simulator.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.RawGrpcClient;
import org.livepeer.simulator.RawTlsProbe;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.eth.SimulatedChain;

class OrchestratorGrpcTest {

    private final EthAccount gateway = EthAccount.random();
    private NioEventLoopGroup boss;
    private NioEventLoopGroup workers;
    private SimOrchestrator orchestrator;

    @BeforeEach
    void startEventLoops() {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
    }

    @AfterEach
    void stopEverything() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private SimOrchestrator start(OrchestratorConfig config) {
        orchestrator = new SimOrchestrator(config, new SimulatedChain(Duration.ofSeconds(1)), boss, workers);
        return orchestrator.start();
    }

    private OrchestratorRequest signedRequest() {
        byte[] sig = gateway.sign(gateway.addressHex().getBytes(StandardCharsets.US_ASCII));
        return OrchestratorRequest.newBuilder()
                .setAddress(ByteString.copyFrom(gateway.address()))
                .setSig(ByteString.copyFrom(sig))
                .build();
    }

    @Test
    void answersASignedRequestWithEverythingAGatewayNeeds() throws Exception {
        start(OrchestratorConfig.builder("o1").defaultPrice(3).build());
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            OrchestratorInfo info = client.getOrchestrator(signedRequest());

            assertEquals(orchestrator.transcoderUrl(), info.getTranscoder());
            assertTrue(info.getTranscoder().startsWith("https://"));
            assertNotEquals(orchestrator.address(), info.getTranscoder().substring("https://".length()));
            assertArrayEquals(
                    orchestrator.account().address(), info.getAddress().toByteArray());
            assertEquals(20, info.getTicketParams().getRecipient().size());
            assertFalse(info.getTicketParams().getExpirationBlock().isEmpty());
            assertFalse(info.getAuthToken().getSessionId().isEmpty());
            assertTrue(info.getAuthToken().getExpiration() > Instant.now().getEpochSecond());
            assertEquals(Capability.values().length, info.getCapabilitiesPricesCount());
            PriceInfo llmPrice = info.getCapabilitiesPricesList().stream()
                    .filter(p -> p.getCapability() == Capability.LLM.id())
                    .findFirst()
                    .orElseThrow();
            assertEquals(3, llmPrice.getPricePerUnit());
            assertEquals(DefaultModels.modelFor(Capability.LLM), llmPrice.getConstraint());
            var liveModels = info.getCapabilities()
                    .getConstraints()
                    .getPerCapabilityOrThrow(Capability.LIVE_VIDEO_TO_VIDEO.id())
                    .getModelsMap();
            assertEquals(4, liveModels.get("streamdiffusion").getCapacity());
            assertEquals(0, liveModels.get("streamdiffusion").getCapacityInUse());
            assertEquals(orchestrator.certificate().certificate(), client.lastCertificate());
        }
    }

    @Test
    void presentsACertificateShapedLikeGoLivepeersOnGrpcAndHttpsAndANewOneAfterARestart() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        byte[] grpcCertificate;
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            client.getOrchestrator(signedRequest());
            grpcCertificate = client.lastCertificate().getEncoded();
        }
        byte[] httpsCertificate = RawTlsProbe.presentedCertificate(
                java.net.URI.create(orchestrator.transcoderUrl()).getHost(),
                java.net.URI.create(orchestrator.transcoderUrl()).getPort());

        assertArrayEquals(grpcCertificate, httpsCertificate);
        X509CertificateHolder holder = new X509CertificateHolder(grpcCertificate);
        assertEquals(0, holder.getSubject().getRDNs().length, "empty subject");
        assertEquals(0, holder.getIssuer().getRDNs().length, "empty issuer");
        assertTrue(BasicConstraints.fromExtensions(holder.getExtensions()).isCA());
        assertEquals(
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature),
                KeyUsage.fromExtensions(holder.getExtensions()));
        assertTrue(
                ExtendedKeyUsage.fromExtensions(holder.getExtensions()).hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));
        GeneralName[] names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName)
                .getNames();
        assertEquals(1, names.length);
        assertEquals(GeneralName.dNSName, names[0].getTagNo());
        assertEquals(
                "1.2.840.10045.3.1.7",
                holder.getSubjectPublicKeyInfo().getAlgorithm().getParameters().toString());
        assertThrows(
                java.security.cert.CertificateException.class,
                () -> java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(grpcCertificate)),
                "the JDK's own parser refuses it, as it refuses go-livepeer's");

        orchestrator.restart();
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            client.getOrchestrator(signedRequest());
            assertFalse(java.util.Arrays.equals(
                    grpcCertificate, client.lastCertificate().getEncoded()));
            assertEquals(
                    0,
                    new X509CertificateHolder(client.lastCertificate().getEncoded())
                            .getIssuer()
                            .getRDNs()
                            .length);
        }
    }

    @Test
    void countsEveryGetOrchestratorCallItReceivesIncludingRefusedOnes() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        OrchestratorRequest forged = signedRequest().toBuilder()
                .setAddress(ByteString.copyFrom(EthAccount.random().address()))
                .build();
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            client.getOrchestrator(signedRequest());
            client.getOrchestrator(signedRequest());
            assertThrows(StatusRuntimeException.class, () -> client.getOrchestrator(forged));
        }
        assertEquals(3, orchestrator.getOrchestratorCalls());
    }

    @Test
    void pricesTheRequestedPipelineAndModel() throws Exception {
        start(OrchestratorConfig.builder("o1")
                .offers(List.of(
                        new ModelOffer(Capability.TEXT_TO_IMAGE, "m1", 1000, 4000, 1, true),
                        ModelOffer.of(Capability.LLM, "m2", 7, 1)))
                .build());
        Capabilities wanted = Capabilities.newBuilder()
                .putCapacities(Capability.TEXT_TO_IMAGE.id(), 1)
                .setConstraints(Capabilities.Constraints.newBuilder()
                        .putPerCapability(
                                Capability.TEXT_TO_IMAGE.id(),
                                Capabilities.CapabilityConstraints.newBuilder()
                                        .putModels(
                                                "m1",
                                                Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                        .build()))
                .build();
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            OrchestratorInfo info = client.getOrchestrator(
                    signedRequest().toBuilder().setCapabilities(wanted).build());

            assertEquals(1, info.getPriceInfo().getPricePerUnit(), "1000/4000 reduced");
            assertEquals(4, info.getPriceInfo().getPixelsPerUnit());
            assertEquals(0, info.getCapabilitiesPricesCount(), "prices per capability only without caps");
        }
    }

    @Test
    void refusesARequestWhoseSignatureDoesNotMatchItsAddress() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        OrchestratorRequest forged = signedRequest().toBuilder()
                .setAddress(ByteString.copyFrom(EthAccount.random().address()))
                .build();
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.getOrchestrator(forged));
            assertTrue(e.getStatus().getDescription().contains("sig check failed"), e.getMessage());
        }
    }

    @Test
    void offchainOrchestratorsNeedNoSignatureAndQuoteNoPrice() throws Exception {
        start(OrchestratorConfig.builder("o1").offchain(true).build());
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            OrchestratorInfo info = client.getOrchestrator(OrchestratorRequest.getDefaultInstance());

            assertFalse(info.hasTicketParams());
            assertFalse(info.hasPriceInfo());
            assertFalse(info.getAuthToken().getToken().isEmpty());
        }
    }

    @Test
    void liveRequestsWithoutCapacityAreCapped() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        orchestrator.setCapacity(Capability.LIVE_VIDEO_TO_VIDEO, "streamdiffusion", 0);
        Capabilities live = Capabilities.newBuilder()
                .putCapacities(Capability.LIVE_VIDEO_TO_VIDEO.id(), 1)
                .setConstraints(Capabilities.Constraints.newBuilder()
                        .putPerCapability(
                                Capability.LIVE_VIDEO_TO_VIDEO.id(),
                                Capabilities.CapabilityConstraints.newBuilder()
                                        .putModels(
                                                "streamdiffusion",
                                                Capabilities.CapabilityConstraints.ModelConstraint.getDefaultInstance())
                                        .build()))
                .build();
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            StatusRuntimeException e = assertThrows(
                    StatusRuntimeException.class,
                    () -> client.getOrchestrator(
                            signedRequest().toBuilder().setCapabilities(live).build()));
            assertTrue(e.getStatus().getDescription().contains("OrchestratorCapped"));

            OrchestratorInfo ignoringCapacity = client.getOrchestrator(signedRequest().toBuilder()
                    .setCapabilities(live)
                    .setIgnoreCapacityCheck(true)
                    .build());
            assertFalse(ignoringCapacity.getTranscoder().isEmpty());
        }
    }

    @Test
    void presentsANewCertificateAfterARestartOnTheSamePorts() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        String address = orchestrator.address();
        String transcoder = orchestrator.transcoderUrl();
        String before;
        try (RawGrpcClient client = new RawGrpcClient(address)) {
            client.getOrchestrator(signedRequest());
            before = fingerprint(client);
        }

        orchestrator.restart();

        try (RawGrpcClient client = new RawGrpcClient(address)) {
            OrchestratorInfo info = client.getOrchestrator(signedRequest());
            assertNotEquals(before, fingerprint(client));
            assertEquals(transcoder, info.getTranscoder());
        }
    }

    @Test
    void stoppedOrchestratorsRefuseConnectionsAndFaultsDelayOrFailCalls() throws Exception {
        start(OrchestratorConfig.builder("o1").build());
        try (RawGrpcClient client = new RawGrpcClient(orchestrator.address())) {
            orchestrator.grpcFaults().next(GrpcFaults.Fault.fail(Status.UNAVAILABLE.withDescription("down")));
            StatusRuntimeException failed =
                    assertThrows(StatusRuntimeException.class, () -> client.getOrchestrator(signedRequest()));
            assertEquals(Status.Code.UNAVAILABLE, failed.getStatus().getCode());

            orchestrator.grpcFaults().next(GrpcFaults.Fault.hanging());
            StatusRuntimeException hung =
                    assertThrows(StatusRuntimeException.class, () -> client.getOrchestrator(signedRequest(), 300));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, hung.getStatus().getCode());

            assertFalse(client.getOrchestrator(signedRequest()).getTranscoder().isEmpty());

            orchestrator.stop();
            StatusRuntimeException down =
                    assertThrows(StatusRuntimeException.class, () -> client.getOrchestrator(signedRequest()));
            assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
        }
    }

    private static String fingerprint(RawGrpcClient client) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(client.lastCertificate().getEncoded()));
    }
}
