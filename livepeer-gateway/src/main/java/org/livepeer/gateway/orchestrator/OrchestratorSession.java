package org.livepeer.gateway.orchestrator;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.livepeer.gateway.OrchestratorAddress;
import org.livepeer.gateway.Pipeline;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;

/**
 * One orchestrator as seen for one pipeline and model: its cached {@link OrchestratorInfo}
 * (transcoder URL, ticket parameters, price, auth token), refreshed when the signer asks for it
 * (480), when the auth token nears its expiry, or when the info is older than a maximum age. One
 * refresh runs at a time; concurrent callers share it.
 */
public final class OrchestratorSession {

    private final OrchestratorAddress address;
    private final Pipeline pipeline;
    private final String modelId;
    private final Capabilities capabilities;
    private final OrchestratorRpc rpc;
    private final SenderCredentials.Source credentials;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;

    private OrchestratorInfo info;
    private Instant fetchedAt;
    private Duration latency;
    private CompletableFuture<OrchestratorInfo> refreshing;

    public OrchestratorSession(
            OrchestratorAddress address,
            Pipeline pipeline,
            String modelId,
            OrchestratorRpc rpc,
            SenderCredentials.Source credentials,
            Duration timeout,
            Duration maxAge,
            Clock clock) {
        this.address = address;
        this.pipeline = pipeline;
        this.modelId = modelId;
        this.capabilities = CapabilityRequest.of(pipeline, modelId);
        this.rpc = rpc;
        this.credentials = credentials;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public OrchestratorAddress address() {
        return address;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public String modelId() {
        return modelId;
    }

    /** The capabilities this session asks for (and pays for). */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The cached info if fresh, else a refreshed one. */
    public synchronized CompletableFuture<OrchestratorInfo> info() {
        if (info != null && !isStale()) {
            return CompletableFuture.completedFuture(info);
        }
        return refresh();
    }

    /** Fetches fresh info now (joining a refresh already under way). */
    public synchronized CompletableFuture<OrchestratorInfo> refresh() {
        if (refreshing != null) {
            return refreshing;
        }
        Instant started = clock.instant();
        CompletableFuture<OrchestratorInfo> call =
                credentials.credentials().thenCompose(sender -> rpc.getOrchestrator(address, request(sender), timeout));
        refreshing = call.whenComplete((fresh, error) -> {
            synchronized (OrchestratorSession.this) {
                refreshing = null;
                if (fresh != null) {
                    info = fresh;
                    fetchedAt = clock.instant();
                    latency = Duration.between(started, fetchedAt);
                }
            }
        });
        return refreshing;
    }

    /** Adopts info the orchestrator returned with a payment (fresh ticket parameters, same auth token). */
    public synchronized void adopt(OrchestratorInfo fresh) {
        this.info = fresh;
        this.fetchedAt = clock.instant();
    }

    /** The last info fetched, or null before the first. */
    public synchronized OrchestratorInfo cachedInfo() {
        return info;
    }

    /** What the cached info offers for this session's pipeline and model (null before the first fetch). */
    public synchronized Offer offer() {
        return info == null ? null : OrchestratorOffers.offer(info, pipeline, modelId);
    }

    /** The HTTP base URL of the orchestrator (from the cached info), or null before the first fetch. */
    public synchronized String transcoderUrl() {
        return info == null ? null : info.getTranscoder();
    }

    /** How long the last {@code GetOrchestrator} took, or null. */
    public synchronized Duration latency() {
        return latency;
    }

    /**
     * Stale when older than the maximum age, or in the last tenth of the auth token's validity
     * (go-livepeer gateways refresh at the same point).
     */
    synchronized boolean isStale() {
        if (info == null) {
            return true;
        }
        Instant now = clock.instant();
        if (now.isAfter(fetchedAt.plus(maxAge))) {
            return true;
        }
        if (info.hasAuthToken() && info.getAuthToken().getExpiration() > 0) {
            Instant expiry = Instant.ofEpochSecond(info.getAuthToken().getExpiration());
            Duration validity = Duration.between(fetchedAt, expiry);
            Instant refreshAt = expiry.minus(validity.dividedBy(10));
            return !now.isBefore(refreshAt);
        }
        return false;
    }

    private OrchestratorRequest request(SenderCredentials sender) {
        // As go-livepeer's and python's gateways do: a probe is not a reservation, and an lv2v
        // orchestrator busy right now would otherwise refuse it and be suspended for every pipeline.
        return OrchestratorRequest.newBuilder()
                .setAddress(ByteString.copyFrom(sender.address()))
                .setSig(ByteString.copyFrom(sender.signature()))
                .setCapabilities(capabilities)
                .setIgnoreCapacityCheck(true)
                .build();
    }

    @Override
    public String toString() {
        return "OrchestratorSession[" + address + ", " + pipeline + "/" + modelId + "]";
    }
}
