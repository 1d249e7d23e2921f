package org.livepeer.simulator.orchestrator;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.livepeer.proto.EndTranscodingSessionRequest;
import org.livepeer.proto.EndTranscodingSessionResponse;
import org.livepeer.proto.OrchestratorGrpc;
import org.livepeer.proto.OrchestratorInfo;
import org.livepeer.proto.OrchestratorRequest;
import org.livepeer.proto.PingPong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The orchestrator's gRPC face: {@code GetOrchestrator}, {@code Ping}, {@code EndTranscodingSession}. */
final class OrchestratorGrpcService extends OrchestratorGrpc.OrchestratorImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorGrpcService.class);

    private final OrchestratorInfoFactory infoFactory;
    private final GrpcFaults faults;
    private final ScheduledExecutorService timer;
    private final String name;
    private final Runnable onCall;

    OrchestratorGrpcService(
            String name,
            OrchestratorInfoFactory infoFactory,
            GrpcFaults faults,
            ScheduledExecutorService timer,
            Runnable onCall) {
        this.name = name;
        this.onCall = onCall;
        this.infoFactory = infoFactory;
        this.faults = faults;
        this.timer = timer;
    }

    @Override
    public void getOrchestrator(OrchestratorRequest request, StreamObserver<OrchestratorInfo> responseObserver) {
        onCall.run();
        GrpcFaults.Fault fault = faults.take();
        if (fault == null) {
            answer(request, responseObserver);
            return;
        }
        if (fault.hangs()) {
            LOG.debug("{}: GetOrchestrator hangs (fault)", name);
            return;
        }
        Runnable act = () -> {
            if (fault.status() != null) {
                responseObserver.onError(fault.status().asRuntimeException());
            } else {
                answer(request, responseObserver);
            }
        };
        if (fault.delay().isZero()) {
            act.run();
        } else {
            timer.schedule(act, fault.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void answer(OrchestratorRequest request, StreamObserver<OrchestratorInfo> responseObserver) {
        try {
            responseObserver.onNext(infoFactory.forRequest(request));
            responseObserver.onCompleted();
        } catch (OrchestratorError e) {
            LOG.info("{}: GetOrchestrator refused: {}", name, e.getMessage());
            responseObserver.onError(
                    Status.UNKNOWN.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void ping(PingPong request, StreamObserver<PingPong> responseObserver) {
        responseObserver.onNext(request);
        responseObserver.onCompleted();
    }

    @Override
    public void endTranscodingSession(
            EndTranscodingSessionRequest request, StreamObserver<EndTranscodingSessionResponse> responseObserver) {
        String problem = infoFactory.checkAuthToken(request.getAuthToken());
        if (problem != null) {
            responseObserver.onError(Status.UNKNOWN.withDescription(problem).asRuntimeException());
            return;
        }
        responseObserver.onNext(EndTranscodingSessionResponse.getDefaultInstance());
        responseObserver.onCompleted();
    }
}
