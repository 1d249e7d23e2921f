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
 * channel per orchestrator, reused. When an orchestrator shows a new certificate (it restarted),
 * the pin is evicted and the call tried once more.
 */
public final class OrchestratorRpc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorRpc.class);

    private final EventLoopGroup group;
    private final Class<? extends io.netty.channel.socket.SocketChannel> channelType;
    private final TofuTrustStore pins;
    private final SslContext tls;
    private final Map<OrchestratorAddress, ManagedChannel> channels = new ConcurrentHashMap<>();
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
        return call(address, request, timeout)
                .handle((info, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(info);
                    }
                    if (isCertificateChange(error)) {
                        LOG.info("orchestrator {} presents a new TLS certificate (restarted?); trusting it", address);
                        pins.evict(address.host(), address.port());
                        dropChannel(address);
                        return call(address, request, timeout);
                    }
                    return CompletableFuture.<OrchestratorInfo>failedFuture(error);
                })
                .thenCompose(f -> f)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(translate(address, error)));
    }

    private CompletableFuture<OrchestratorInfo> call(
            OrchestratorAddress address, OrchestratorRequest request, Duration timeout) {
        CompletableFuture<OrchestratorInfo> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("closed"));
            return result;
        }
        OrchestratorGrpc.OrchestratorFutureStub stub = OrchestratorGrpc.newFutureStub(channel(address))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forAddress(a.host(), a.port())
                .eventLoopGroup(group)
                .channelType(channelType)
                .sslContext(tls)
                .maxInboundMessageSize(8 << 20)
                .build());
    }

    private void dropChannel(OrchestratorAddress address) {
        ManagedChannel channel = channels.remove(address);
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    private static boolean isCertificateChange(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateChangedException) {
                return true;
            }
        }
        return false;
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
