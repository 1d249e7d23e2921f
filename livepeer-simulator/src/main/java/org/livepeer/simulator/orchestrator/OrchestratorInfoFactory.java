package org.livepeer.simulator.orchestrator;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.livepeer.proto.AuthToken;
import org.livepeer.proto.Capabilities;
import org.livepeer.proto.GPUComputeInfo;
import org.livepeer.proto.HardwareInformation;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.eth.EthAccount;
import org.livepeer.simulator.payment.TicketIssuer;

/**
 * Builds the {@link OrchestratorInfo} an orchestrator hands out: transcoder URL, fresh ticket
 * parameters, prices, capabilities with live capacity, and a new auth token. Checks the sender's
 * signature first, as go-livepeer does (skipped offchain).
 */
final class OrchestratorInfoFactory {

    static final String RUNNER_VERSION = "0.14.0";
    static final String NODE_VERSION = "0.8.5-simulator";

    private final OrchestratorConfig config;
    private final EthAccount account;
    private final ModelCatalog catalog;
    private final TicketIssuer tickets;
    private final AuthTokens authTokens;
    private final Supplier<String> transcoderUrl;
    private volatile long[] basePrice = {1, 1};

    OrchestratorInfoFactory(
            OrchestratorConfig config,
            EthAccount account,
            ModelCatalog catalog,
            TicketIssuer tickets,
            AuthTokens authTokens,
            Supplier<String> transcoderUrl) {
        this.config = config;
        this.account = account;
        this.catalog = catalog;
        this.tickets = tickets;
        this.authTokens = authTokens;
        this.transcoderUrl = transcoderUrl;
    }

    OrchestratorInfo forRequest(OrchestratorRequest request) throws OrchestratorError {
        if (!config.offchain()) {
            byte[] sender = request.getAddress().toByteArray();
            byte[] message = EthAccount.checksumAddress(padAddress(sender)).getBytes(StandardCharsets.US_ASCII);
            if (!EthAccount.verify(padAddress(sender), message, request.getSig().toByteArray())) {
                throw new OrchestratorError(400, "Invalid orchestrator request: orchestrator req sig check failed");
            }
        }
        Capabilities wanted = request.hasCapabilities() ? request.getCapabilities() : null;
        if (wanted != null && !request.getIgnoreCapacityCheck() && !hasLiveCapacity(wanted)) {
            throw new OrchestratorError(400, "Invalid orchestrator request: OrchestratorCapped");
        }
        return build(wanted, authTokens.issue());
    }

    /** Fresh info for an existing session (after a payment), keeping its auth token. */
    OrchestratorInfo forSession(Capabilities wanted, AuthToken sessionToken) {
        return build(wanted, sessionToken);
    }

    String transcoderUrl() {
        return transcoderUrl.get();
    }

    org.livepeer.proto.TicketParams newTicketParams() {
        return tickets.newTicketParams();
    }

    byte[] address() {
        return account.address();
    }

    String checkAuthToken(AuthToken token) {
        return authTokens.check(token);
    }

    void setBasePrice(long pricePerUnit, long pixelsPerUnit) {
        this.basePrice = new long[] {pricePerUnit, pixelsPerUnit};
    }

    /** The price for what {@code wanted} asks: the sum over its pipeline/model pairs, else the base price. */
    PriceInfo priceFor(Capabilities wanted) {
        long[] sum = {0, 1};
        if (wanted != null && wanted.hasConstraints()) {
            for (var perCapability :
                    wanted.getConstraints().getPerCapabilityMap().entrySet()) {
                Capability capability = Capability.byId(perCapability.getKey()).orElse(null);
                if (capability == null || !wanted.getCapacitiesMap().containsKey(perCapability.getKey())) {
                    continue;
                }
                for (String model : perCapability.getValue().getModelsMap().keySet()) {
                    ModelOffer offer = catalog.find(capability, model).orElse(null);
                    if (offer != null) {
                        sum = PriceMath.add(sum, offer.pricePerUnit(), offer.pixelsPerUnit());
                    }
                }
            }
        }
        if (sum[0] == 0) {
            sum = basePrice;
        }
        return PriceMath.priceInfo(sum[0], sum[1]).build();
    }

    private OrchestratorInfo build(Capabilities wanted, AuthToken authToken) {
        OrchestratorInfo.Builder info = OrchestratorInfo.newBuilder()
                .setTranscoder(transcoderUrl.get())
                .setCapabilities(capabilities())
                .setAuthToken(authToken);
        if (config.offchain()) {
            info.setAddress(ByteString.copyFrom(new byte[20]));
        } else {
            info.setAddress(ByteString.copyFrom(account.address()))
                    .setTicketParams(tickets.newTicketParams())
                    .setPriceInfo(priceFor(wanted));
        }
        if (wanted == null) {
            for (ModelOffer offer : catalog.offers()) {
                if (!config.offchain()) {
                    info.addCapabilitiesPrices(PriceMath.priceInfo(offer.pricePerUnit(), offer.pixelsPerUnit())
                            .setCapability(offer.capability().id())
                            .setConstraint(offer.modelId()));
                }
                info.addHardware(hardware(offer));
            }
        }
        return info.build();
    }

    private boolean hasLiveCapacity(Capabilities wanted) {
        if (!wanted.hasConstraints()) {
            return true;
        }
        var live = wanted.getConstraints().getPerCapabilityMap().get(Capability.LIVE_VIDEO_TO_VIDEO.id());
        if (live == null) {
            return true;
        }
        for (String model : live.getModelsMap().keySet()) {
            if (catalog.hasCapacity(Capability.LIVE_VIDEO_TO_VIDEO, model)) {
                return true;
            }
        }
        return false;
    }

    /** What this orchestrator can do now, with each model's idle and busy capacity. */
    Capabilities capabilities() {
        List<ModelOffer> offers = catalog.offers();
        long[] bits = new long[2];
        Capabilities.Builder caps = Capabilities.newBuilder().setVersion(NODE_VERSION);
        Capabilities.Constraints.Builder constraints = Capabilities.Constraints.newBuilder();
        for (ModelOffer offer : offers) {
            int id = offer.capability().id();
            bits[id / 64] |= 1L << (id % 64);
            int idle = Math.max(0, offer.capacity() - catalog.inUse(offer.capability(), offer.modelId()));
            caps.putCapacities(id, caps.getCapacitiesOrDefault(id, 0) + offer.capacity());
            Capabilities.CapabilityConstraints.Builder perCapability =
                    constraints
                            .getPerCapabilityOrDefault(id, Capabilities.CapabilityConstraints.getDefaultInstance())
                            .toBuilder();
            perCapability.putModels(
                    offer.modelId(),
                    Capabilities.CapabilityConstraints.ModelConstraint.newBuilder()
                            .setWarm(offer.warm())
                            .setCapacity(idle)
                            .setCapacityInUse(catalog.inUse(offer.capability(), offer.modelId()))
                            .setRunnerVersion(RUNNER_VERSION)
                            .build());
            constraints.putPerCapability(id, perCapability.build());
        }
        for (long word : bits) {
            caps.addBitstring(word);
        }
        return caps.setConstraints(constraints).build();
    }

    private static HardwareInformation hardware(ModelOffer offer) {
        return HardwareInformation.newBuilder()
                .setPipeline(offer.capability().pipeline())
                .setModelId(offer.modelId())
                .putGpuInfo(
                        "0",
                        GPUComputeInfo.newBuilder()
                                .setId("GPU-sim-0")
                                .setName("Simulated GPU")
                                .setMajor(8)
                                .setMinor(9)
                                .setMemoryTotal(24L << 30)
                                .setMemoryFree(20L << 30)
                                .build())
                .build();
    }

    private static byte[] padAddress(byte[] address) {
        byte[] out = new byte[20];
        int copy = Math.min(address.length, 20);
        System.arraycopy(address, address.length - copy, out, 20 - copy, copy);
        return out;
    }
}
