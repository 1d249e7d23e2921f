package org.livepeer.gateway.ai;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.livepeer.gateway.OrchestratorException;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.gateway.payment.PaymentHeaders;
import org.livepeer.http.HttpRequest;
import org.livepeer.http.HttpResponse;
import org.livepeer.http.NettyTransport;
import org.livepeer.http.StreamingRequest;
import org.livepeer.http.StreamingResponse;
import org.livepeer.http.TransportException;

/**
 * One paid POST of a prepared request to an orchestrator, with go-livepeer's headers: {@code
 * Livepeer-Payment}, {@code Livepeer-Segment} and {@code Authorization: Livepeer-AI-Worker-1.0}.
 * A whole body is sent at once; a multipart upload of a file or stream is written chunk by chunk,
 * each chunk after the previous one left. Transport failures become {@link OrchestratorException}s.
 */
final class OrchestratorCall {

    static final String AI_WORKER_PROTOCOL = "Livepeer-AI-Worker-1.0";

    private final NettyTransport transport;
    private final SslContext orchestratorTls;
    private final BatchSettings settings;
    private final Executor blockingReads;

    OrchestratorCall(
            NettyTransport transport, SslContext orchestratorTls, BatchSettings settings, Executor blockingReads) {
        this.transport = transport;
        this.orchestratorTls = orchestratorTls;
        this.settings = settings;
        this.blockingReads = blockingReads;
    }

    /** Sends the request and buffers the whole answer. */
    CompletableFuture<HttpResponse> send(
            String orchestrator, String url, PreparedRequest request, PaymentHeaders paid) {
        HttpRequest.Builder builder = head(url, request, paid);
        CompletableFuture<HttpResponse> response;
        if (request.isUpload()) {
            response = upload(builder.build(), request.upload());
        } else {
            response = transport.send(builder.body(request.body()).build());
        }
        return response.exceptionallyCompose(error -> CompletableFuture.failedFuture(failed(orchestrator, url, error)));
    }

    /** Sends the request and streams the answer's body (llm event streams). */
    CompletableFuture<StreamingResponse> receive(
            String orchestrator, String url, PreparedRequest request, PaymentHeaders paid) {
        HttpRequest streaming = head(url, request, paid)
                .header("Accept", "text/event-stream")
                .body(request.body())
                .build();
        return transport
                .receive(streaming)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(failed(orchestrator, url, error)));
    }

    private HttpRequest.Builder head(String url, PreparedRequest request, PaymentHeaders paid) {
        HttpRequest.Builder builder = HttpRequest.post(url)
                .header("Content-Type", request.contentType())
                .header("Authorization", AI_WORKER_PROTOCOL)
                .header(PaymentHeaders.PAYMENT, paid.payment())
                .header(PaymentHeaders.SEGMENT, paid.segment())
                .responseTimeout(settings.responseTimeout())
                .idleTimeout(settings.bodyIdleTimeout())
                .totalTimeout(settings.totalTimeout())
                .maxResponseBytes(settings.maxResponseBytes());
        if (url.startsWith("https:")) {
            builder.sslContext(orchestratorTls);
        }
        return builder;
    }

    private CompletableFuture<HttpResponse> upload(HttpRequest head, PreparedRequest.Upload upload) {
        StreamingRequest stream = transport.open(head);
        MediaInput.ChunkReader media;
        try {
            media = upload.media().open(blockingReads);
        } catch (RuntimeException e) {
            stream.abort();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> written = stream.write(upload.head())
                .thenCompose(ignored -> pump(stream, media))
                .thenCompose(ignored -> stream.write(upload.tail()))
                .whenComplete((ignored, error) -> media.close());
        written.whenComplete((ignored, error) -> {
            if (error == null) {
                stream.finish();
            } else if (!stream.response().isDone()) {
                stream.abort();
            }
        });
        // an early answer (an error before the upload ended) wins over the failed writes it caused
        return stream.response()
                .exceptionallyCompose(error -> written.isCompletedExceptionally()
                        ? written.thenApply(ignored -> (HttpResponse) null)
                        : CompletableFuture.failedFuture(error));
    }

    private static CompletableFuture<Void> pump(StreamingRequest stream, MediaInput.ChunkReader media) {
        return media.next()
                .thenCompose(chunk -> chunk == null
                        ? CompletableFuture.completedFuture(null)
                        : stream.write(chunk).thenCompose(ignored -> pump(stream, media)));
    }

    private static OrchestratorException failed(String orchestrator, String url, Throwable error) {
        Throwable cause = org.livepeer.gateway.Failures.unwrap(error);
        if (cause instanceof OrchestratorException already) {
            return already;
        }
        boolean retryable = !(cause instanceof TransportException transport)
                || switch (transport.kind()) {
                    case BODY_TOO_LARGE, CANCELLED, TRANSPORT_CLOSED -> false;
                    default -> true;
                };
        if (!(cause instanceof TransportException)) {
            // e.g. reading the media failed: not the orchestrator's fault
            retryable = false;
        }
        return new OrchestratorException(
                orchestrator, "POST " + url + " failed: " + cause.getMessage(), retryable, cause);
    }
}
