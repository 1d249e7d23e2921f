package org.livepeer.simulator;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;
import org.livepeer.proto.OrchestratorGrpc;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;

/**
 * A minimal gRPC client for tests: accepts any certificate but records the one presented, so
 * tests can see what a trust-on-first-use client would pin.
 */
public final class RawGrpcClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final AtomicReference<X509Certificate> lastCertificate = new AtomicReference<>();

    public RawGrpcClient(String hostAndPort) {
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        try {
            this.channel = NettyChannelBuilder.forAddress(host, port)
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(new RecordingTrustManager())
                            .build())
                    .overrideAuthority("localhost")
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public OrchestratorInfo getOrchestrator(OrchestratorRequest request) {
        return OrchestratorGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getOrchestrator(request);
    }

    public OrchestratorInfo getOrchestrator(OrchestratorRequest request, long timeoutMillis) {
        return OrchestratorGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .getOrchestrator(request);
    }

    /** The certificate the server presented on the last handshake. */
    public X509Certificate lastCertificate() {
        return lastCertificate.get();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class RecordingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            lastCertificate.set(chain[0]);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
