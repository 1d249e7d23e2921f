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
 * refresh runs at a time; concurrent callers share it. The cached info serves selection and at most
 * one payment session; other payment sessions fetch ticket parameters of their own.
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
    private boolean infoClaimed;
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
        // published before the call starts: a call that completes at once must not leave it behind
        CompletableFuture<OrchestratorInfo> result = new CompletableFuture<>();
        refreshing = result;
        fetch().whenComplete((fresh, error) -> {
            synchronized (OrchestratorSession.this) {
                if (refreshing == result) {
                    refreshing = null;
                }
                if (fresh != null) {
                    info = fresh;
                    infoClaimed = false;
                    fetchedAt = clock.instant();
                    latency = Duration.between(started, fetchedAt);
                }
            }
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(fresh);
            }
        });
        return result;
    }

    /**
     * Hands the cached info to one payment session, once: its ticket parameters become that session's
     * alone (a signer state numbers its tickets from 1 for parameters it has not used, so two sessions
     * on the same parameters would send the same sender nonces). Null when the cached info was
     * already handed out, is stale or was never fetched; the caller then {@linkplain #fetchExclusive()
     * fetches its own}.
     */
    public synchronized OrchestratorInfo claimCachedInfo() {
        if (info == null || infoClaimed || isStale()) {
            return null;
        }
        infoClaimed = true;
        return info;
    }

    /**
     * A {@code GetOrchestrator} of the caller's own, never shared with concurrent callers: every
     * answer carries fresh ticket parameters (a new recipientRandHash), which the caller alone pays
     * with. The cached info is left as it is.
     */
    public CompletableFuture<OrchestratorInfo> fetchExclusive() {
        return fetch();
    }

    private CompletableFuture<OrchestratorInfo> fetch() {
        return credentials.credentials().thenCompose(sender -> rpc.getOrchestrator(address, request(sender), timeout));
    }

    /**
     * Replaces the cached info with info the orchestrator returned otherwise. Payment sessions keep
     * the info they pay with to themselves and do not call this.
     */
    public synchronized void adopt(OrchestratorInfo fresh) {
        this.info = fresh;
        this.infoClaimed = false;
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
        return isStale(info, fetchedAt, clock.instant());
    }

    /** Whether {@code fetched} (fetched at {@code fetchedAt}) should be fetched again by {@code now}. */
    public boolean isStale(OrchestratorInfo fetched, Instant fetchedAt, Instant now) {
        if (fetched == null) {
            return true;
        }
        if (now.isAfter(fetchedAt.plus(maxAge))) {
            return true;
        }
        if (fetched.hasAuthToken() && fetched.getAuthToken().getExpiration() > 0) {
            Instant expiry = Instant.ofEpochSecond(fetched.getAuthToken().getExpiration());
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
