package org.livepeer.simulator.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.livepeer.simulator.TestHttp;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;

/** A TLS orchestrator serving only the batch API, backed by {@link FakeOrchestratorServices}. */
final class BatchApiServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WORKER_AUTH = "Livepeer-AI-Worker-1.0";

    final FakeOrchestratorServices services = new FakeOrchestratorServices();
    final BatchPipelines api;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final SimHttpServer server;
    private final HttpClient client = TestHttp.insecureClient();

    BatchApiServer() {
        this(BatchOptions.defaults());
    }

    BatchApiServer(BatchOptions options) {
        Router router = new Router();
        api = BatchPipelines.register(router, services, options);
        server = new SimHttpServer("127.0.0.1", 0, true, group, router).start();
        services.baseUrl = server.baseUrl();
    }

    HttpResponse<byte[]> postJson(String path, String json) throws IOException, InterruptedException {
        return send(request(path, true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<byte[]> postJson(String path, String json, boolean workerAuth)
            throws IOException, InterruptedException {
        return send(request(path, workerAuth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<byte[]> postMultipart(String path, MultipartBody body) throws IOException, InterruptedException {
        return postMultipart(path, body, true);
    }

    HttpResponse<byte[]> postMultipart(String path, MultipartBody body, boolean workerAuth)
            throws IOException, InterruptedException {
        return send(request(path, workerAuth)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build());
    }

    HttpRequest.Builder request(String path, boolean workerAuth) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (workerAuth) {
            builder.header("Authorization", WORKER_AUTH);
        }
        return builder;
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpClient client() {
        return client;
    }

    /** Answers 200 with JSON and returns it parsed. */
    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertEquals(200, response.statusCode(), () -> new String(response.body()));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** The error text of a go-livepeer error answer (text/plain, message and newline). */
    static String errorText(HttpResponse<byte[]> response) {
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                "errors are plain text");
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(body.endsWith("\n"));
        return body.substring(0, body.length() - 1);
    }

    /** The bytes behind a result URL: decoded data URL, or downloaded from the orchestrator. */
    byte[] fetch(String url, String expectedContentType) throws IOException, InterruptedException {
        String dataPrefix = "data:" + expectedContentType + ";base64,";
        if (url.startsWith("data:")) {
            assertTrue(url.startsWith(dataPrefix), url.substring(0, Math.min(40, url.length())));
            return Base64.getDecoder().decode(url.substring(dataPrefix.length()));
        }
        assertTrue(url.startsWith(server.baseUrl() + "/stream/"), url);
        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        assertEquals(
                expectedContentType,
                response.headers().firstValue("Content-Type").orElse(null));
        return response.body();
    }

    int getStatus(String url) throws IOException, InterruptedException {
        return client.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            api.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
