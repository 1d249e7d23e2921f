package org.livepeer.gateway.orchestrator;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.UntrustedCertificateException;
import org.livepeer.gateway.tls.CertificateChangedException;
import org.livepeer.gateway.tls.TlsContexts;
import org.livepeer.gateway.tls.TofuTrustStore;
import org.livepeer.proto.OrchestratorGrpc;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GetOrchestrator} over gRPC with trust on first use, on the component's event loop. One
 * channel per orchestrator, reused.
 *
 * <p>When an orchestrator presents a certificate other than its pinned one (go-livepeer makes a
 * new one at every start), the call is made once more over a connection that trusts exactly the
 * new certificate; the new certificate is pinned only if the answer comes from the same
 * orchestrator as before (same Ethereum address; for offchain orchestrators, which have none,
 * the same transcoder URL). Then the pin of its transcoder's HTTPS address is dropped too, so
 * HTTPS calls pin the new certificate. Otherwise the call fails with {@link
 * UntrustedCertificateException} and the pin stays.
 */
public final class OrchestratorRpc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorRpc.class);

    private final EventLoopGroup group;
    private final Class<? extends io.netty.channel.socket.SocketChannel> channelType;
    private final TofuTrustStore pins;
    private final SslContext tls;
    private final Map<OrchestratorAddress, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Map<OrchestratorAddress, String> identities = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public OrchestratorRpc(EventLoopGroup group, TofuTrustStore pins) {
        this(group, NioSocketChannel.class, pins);
    }

    /** {@code channelType} must match the event loop group (NIO, epoll, …). */
    public OrchestratorRpc(
            EventLoopGroup group,
            Class<? extends io.netty.channel.socket.SocketChannel> channelType,
            TofuTrustStore pins) {
        this.group = group;
        this.channelType = channelType;
        this.pins = pins;
        this.tls = TlsContexts.tofuGrpc(pins);
    }

    /** Asks {@code address} for its info; fails with {@link OrchestratorException} naming it. */
    public CompletableFuture<OrchestratorInfo> getOrchestrator(
            OrchestratorAddress address, OrchestratorRequest request, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        return call(channel(address), request, timeout)
                .handle((info, error) -> {
                    if (error == null) {
                        identities.put(address, identityOf(info));
                        return CompletableFuture.completedFuture(info);
                    }
                    CertificateChangedException changed = certificateChange(error);
                    if (changed != null) {
                        return vouchForNewCertificate(address, request, timeout, changed);
                    }
                    return CompletableFuture.<OrchestratorInfo>failedFuture(error);
                })
                .thenCompose(f -> f)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(translate(address, error)));
    }

    /** Asks the orchestrator behind a new certificate who it is; pins the certificate if it is the same one. */
    private CompletableFuture<OrchestratorInfo> vouchForNewCertificate(
            OrchestratorAddress address,
            OrchestratorRequest request,
            Duration timeout,
            CertificateChangedException changed) {
        String known = identities.get(address);
        if (known == null) {
            return CompletableFuture.failedFuture(new UntrustedCertificateException(
                    address.authority(),
                    changed.getMessage() + ", and it never answered under the pinned one; refused",
                    changed));
        }
        ManagedChannel probe = newChannel(
                address, TlsContexts.exactGrpc(address.host(), address.port(), changed.presentedFingerprint()));
        return call(probe, request, timeout)
                .whenComplete((info, error) -> probe.shutdownNow())
                .thenCompose(info -> {
                    String identity = identityOf(info);
                    if (!identity.equals(known)) {
                        return CompletableFuture.failedFuture(new UntrustedCertificateException(
                                address.authority(),
                                changed.getMessage() + ", and it answers as " + identity + ", not " + known
                                        + "; refused",
                                changed));
                    }
                    if (pins.repin(
                            address.host(),
                            address.port(),
                            changed.presentedFingerprint(),
                            "GetOrchestrator over it answered as the same orchestrator, " + identity)) {
                        dropChannel(address);
                        dropTranscoderPin(address, info);
                    }
                    return CompletableFuture.completedFuture(info);
                });
    }

    /** The transcoder serves the same certificate (go-livepeer: same port); its old pin must go. */
    private void dropTranscoderPin(OrchestratorAddress address, OrchestratorInfo info) {
        try {
            java.net.URI transcoder = java.net.URI.create(info.getTranscoder());
            int port = transcoder.getPort() > 0 ? transcoder.getPort() : 443;
            String host = transcoder.getHost();
            if (host == null) {
                return;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!(host.equalsIgnoreCase(address.host()) && port == address.port())) {
                pins.evict(host, port);
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("orchestrator {} names an unusable transcoder URL", address, e);
        }
    }

    /** Who an orchestrator is: its Ethereum address, or (offchain, all zeros) its transcoder URL. */
    static String identityOf(OrchestratorInfo info) {
        byte[] address = info.getAddress().toByteArray();
        for (byte b : address) {
            if (b != 0) {
                return "orchestrator 0x" + java.util.HexFormat.of().formatHex(address);
            }
        }
        return "transcoder " + info.getTranscoder();
    }

    private CompletableFuture<OrchestratorInfo> call(
            ManagedChannel channel, OrchestratorRequest request, Duration timeout) {
        CompletableFuture<OrchestratorInfo> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("closed"));
            return result;
        }
        OrchestratorGrpc.OrchestratorFutureStub stub =
                OrchestratorGrpc.newFutureStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Futures.addCallback(
                stub.getOrchestrator(request),
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(OrchestratorInfo info) {
                        result.complete(info);
                    }

                    @Override
                    public void onFailure(Throwable error) {
                        result.completeExceptionally(error);
                    }
                },
                MoreExecutors.directExecutor());
        return result;
    }

    private ManagedChannel channel(OrchestratorAddress address) {
        return channels.computeIfAbsent(address, a -> newChannel(a, tls));
    }

    private ManagedChannel newChannel(OrchestratorAddress address, SslContext context) {
        return NettyChannelBuilder.forAddress(address.host(), address.port())
                .eventLoopGroup(group)
                .channelType(channelType)
                .sslContext(context)
                .maxInboundMessageSize(8 << 20)
                .build();
    }

    private void dropChannel(OrchestratorAddress address) {
        ManagedChannel channel = channels.remove(address);
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    private static CertificateChangedException certificateChange(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException changed) {
                return changed;
            }
        }
        return null;
    }

    static OrchestratorException translate(OrchestratorAddress address, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof OrchestratorException known) {
            return known;
        }
        if (cause instanceof StatusRuntimeException sre) {
            Status status = sre.getStatus();
            String description = status.getDescription() == null ? "" : ": " + status.getDescription();
            String reason =
                    switch (status.getCode()) {
                        case DEADLINE_EXCEEDED -> "no answer in time";
                        case UNAVAILABLE -> "unreachable" + describeCause(status.getCause(), description);
                        default -> "GetOrchestrator failed with " + status.getCode() + description;
                    };
            return new OrchestratorException(address.authority(), reason, true, sre);
        }
        return new OrchestratorException(address.authority(), "GetOrchestrator failed: " + cause, true, cause);
    }

    private static String describeCause(Throwable cause, String fallback) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException changed) {
                return ": " + changed.getMessage();
            }
            if (t instanceof java.net.ConnectException) {
                return ": connection refused";
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        closed = true;
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels.values()) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
    }
}
